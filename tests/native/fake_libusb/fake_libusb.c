/*
 * A fake libusb-1.0 for tests: the device list holds simulated STM32 ROM bootloaders in USB DFU mode (DfuSe, AN3156),
 * described by a configuration file, so that any libusb host (dfu-util, Stm32Flash) can run against them without a
 * board. Each alternate setting's memory is a file mapped shared, so what one process writes the next one reads.
 *
 * The configuration file is FAKE_LIBUSB_CONFIG, or fake_libusb.conf beside this library. Lines are key=value; a line
 * "device" starts a device. Keys: vid, pid, bcd, serial, bus, ports (e.g. 3.1), address, transfer (wTransferSize),
 * alt (one per alternate setting: its DfuSe memory string), store (folder of alt<N>.bin and events.log), init<N> (hex
 * bytes alternate setting N holds when its file is created), program_us_per_kb, erase_ms_per_kb, mass_erase_ms,
 * pace_transfer_us and pace_byte_ns (wall time of each control transfer, like a full-speed link), readout_protected (until
 * a Read Unprotect, which leaves the file 'unprotected' in the store),
 * fault_write (address whose programming fails with errWRITE), fault_stall (the Nth DFU request stalls once),
 * fault_disconnect (the device is gone from the Nth DFU request on).
 */
#define _GNU_SOURCE
#include "fake_libusb.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))
#define MAX_DEVICES 4
#define MAX_ALTS 6
#define MAX_SECTORS 2048
#define MAX_TEXT 256

enum { S_IDLE = 2, S_DNLOAD_SYNC = 3, S_DNBUSY = 4, S_DNLOAD_IDLE = 5, S_MANIFEST_SYNC = 6, S_MANIFEST = 7, S_UPLOAD_IDLE = 9, S_ERROR = 10 };
enum { OK = 0, ERR_TARGET = 1, ERR_WRITE = 3, ERR_ERASE = 4, ERR_VERIFY = 7, ERR_ADDRESS = 8, ERR_VENDOR = 11, ERR_STALLEDPKT = 15 };

struct sector {
    uint32_t address;
    uint32_t size;
    int attributes; /* 1 readable, 2 erasable, 4 writable */
    size_t offset;  /* within the alternate setting's memory file */
};

struct alt {
    char name[MAX_TEXT];
    struct sector sectors[MAX_SECTORS];
    int count;
    size_t size;
    uint8_t *memory;
};

struct fake_device {
    uint16_t vid, pid, bcd;
    char serial[MAX_TEXT];
    uint8_t bus, address, ports[7];
    int port_count;
    uint16_t transfer;
    struct alt alts[MAX_ALTS];
    int alt_count;
    char store[MAX_TEXT];
    long program_us_per_kb, erase_ms_per_kb, mass_erase_ms, pace_transfer_us, pace_byte_ns;
    int readout_protected;
    long fault_write, fault_stall, fault_disconnect;
    /* the device's state */
    int current_alt, state, status, pending_status, gone;
    long requests;
    uint32_t pointer;
    struct timespec busy_until;
    uint16_t pending_block;
    uint8_t pending[4096];
    int pending_length;
    int open_handles;
};

struct fake_handle {
    struct fake_device *device;
};

static struct fake_device devices[MAX_DEVICES];
static int device_count;
static int contexts;
static int dummy_context;

/* ---- configuration ---- */

static const char *config_path(void)
{
    static char path[1024];
    const char *env = getenv("FAKE_LIBUSB_CONFIG");
    if (env && *env) return env;
    Dl_info info;
    if (!dladdr((void *)&config_path, &info) || !info.dli_fname) return NULL;
    snprintf(path, sizeof path, "%s", info.dli_fname);
    char *slash = strrchr(path, '/');
    if (!slash) return NULL;
    snprintf(slash + 1, sizeof path - (size_t)(slash + 1 - path), "fake_libusb.conf");
    return path;
}

static void event(struct fake_device *d, const char *format, ...)
{
    char path[MAX_TEXT + 16];
    snprintf(path, sizeof path, "%s/events.log", d->store);
    FILE *f = fopen(path, "a");
    if (!f) return;
    va_list args;
    va_start(args, format);
    vfprintf(f, format, args);
    va_end(args);
    fputc('\n', f);
    fclose(f);
}

/* "@Internal Flash  /0x08000000/04*016Kg,01*064Kg" (and further "/address/sectors" groups) */
static int parse_alt(struct alt *a, const char *text)
{
    snprintf(a->name, sizeof a->name, "%s", text);
    a->count = 0;
    a->size = 0;
    const char *p = strchr(text, '/');
    while (p && *p == '/') {
        char *end;
        uint32_t address = (uint32_t)strtoul(p + 1, &end, 0);
        if (*end != '/') return -1;
        p = end + 1;
        for (;;) {
            long count = strtol(p, &end, 10);
            if (end == p || *end != '*') return -1;
            p = end + 1;
            long size = strtol(p, &end, 10);
            if (end == p) return -1;
            p = end;
            if (*p == 'K') { size *= 1024; p++; }
            else if (*p == 'M') { size *= 1024 * 1024; p++; }
            else if (*p == 'B' || *p == ' ') p++;
            if (*p < 'a' || *p > 'g') return -1;
            int attributes = *p - 'a' + 1;
            p++;
            for (long i = 0; i < count; i++) {
                if (a->count == MAX_SECTORS) return -1;
                struct sector *s = &a->sectors[a->count++];
                s->address = address;
                s->size = (uint32_t)size;
                s->attributes = attributes;
                s->offset = a->size;
                a->size += (size_t)size;
                address += (uint32_t)size;
            }
            if (*p != ',') break;
            p++;
        }
    }
    return a->count > 0 ? 0 : -1;
}

static int map_memory(struct fake_device *d, int index, const char *init)
{
    struct alt *a = &d->alts[index];
    char path[MAX_TEXT + 16];
    snprintf(path, sizeof path, "%s/alt%d.bin", d->store, index);
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    if (fd < 0) return -1;
    struct stat st;
    fstat(fd, &st);
    int fresh = (size_t)st.st_size != a->size;
    if (fresh && ftruncate(fd, (off_t)a->size) != 0) { close(fd); return -1; }
    a->memory = mmap(NULL, a->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (a->memory == MAP_FAILED) { a->memory = NULL; return -1; }
    if (fresh) {
        memset(a->memory, 0xFF, a->size);
        for (size_t i = 0; init && init[2 * i] && init[2 * i + 1] && i < a->size; i++) {
            char hex[3] = { init[2 * i], init[2 * i + 1], 0 };
            a->memory[i] = (uint8_t)strtoul(hex, NULL, 16);
        }
    }
    return 0;
}

static void unload(void)
{
    for (int i = 0; i < device_count; i++)
        for (int j = 0; j < devices[i].alt_count; j++)
            if (devices[i].alts[j].memory) munmap(devices[i].alts[j].memory, devices[i].alts[j].size);
    device_count = 0;
}

static int load(void)
{
    const char *path = config_path();
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) return 0; /* no devices */
    char line[1024];
    char inits[MAX_DEVICES][MAX_ALTS][1024];
    memset(inits, 0, sizeof inits);
    struct fake_device *d = NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (strcmp(line, "device") == 0) {
            if (device_count == MAX_DEVICES) break;
            d = &devices[device_count++];
            memset(d, 0, sizeof *d);
            d->vid = 0x0483; d->pid = 0xDF11; d->bcd = 0x2200; d->bus = 1; d->address = (uint8_t)(4 + device_count);
            d->transfer = 2048; d->state = S_IDLE; d->mass_erase_ms = 0;
            d->fault_write = -1;
            snprintf(d->serial, sizeof d->serial, "FAKE%08d", device_count);
            d->ports[0] = (uint8_t)device_count; d->port_count = 1;
            continue;
        }
        char *eq = strchr(line, '=');
        if (!d || !eq) continue;
        *eq = 0;
        const char *key = line, *value = eq + 1;
        if (!strcmp(key, "vid")) d->vid = (uint16_t)strtoul(value, NULL, 16);
        else if (!strcmp(key, "pid")) d->pid = (uint16_t)strtoul(value, NULL, 16);
        else if (!strcmp(key, "bcd")) d->bcd = (uint16_t)strtoul(value, NULL, 16);
        else if (!strcmp(key, "serial")) snprintf(d->serial, sizeof d->serial, "%s", value);
        else if (!strcmp(key, "bus")) d->bus = (uint8_t)atoi(value);
        else if (!strcmp(key, "address")) d->address = (uint8_t)atoi(value);
        else if (!strcmp(key, "ports")) {
            d->port_count = 0;
            for (const char *p = value; *p && d->port_count < 7;) {
                char *end;
                d->ports[d->port_count++] = (uint8_t)strtoul(p, &end, 10);
                p = *end == '.' ? end + 1 : end;
                if (end == p) break;
            }
        }
        else if (!strcmp(key, "transfer")) d->transfer = (uint16_t)atoi(value);
        else if (!strcmp(key, "alt") && d->alt_count < MAX_ALTS) {
            if (parse_alt(&d->alts[d->alt_count], value) == 0) d->alt_count++;
            else fprintf(stderr, "fake libusb: cannot parse the memory string '%s'\n", value);
        }
        else if (!strncmp(key, "init", 4) && atoi(key + 4) < MAX_ALTS) snprintf(inits[device_count - 1][atoi(key + 4)], 1024, "%s", value);
        else if (!strcmp(key, "store")) snprintf(d->store, sizeof d->store, "%s", value);
        else if (!strcmp(key, "program_us_per_kb")) d->program_us_per_kb = atol(value);
        else if (!strcmp(key, "erase_ms_per_kb")) d->erase_ms_per_kb = atol(value);
        else if (!strcmp(key, "mass_erase_ms")) d->mass_erase_ms = atol(value);
        else if (!strcmp(key, "pace_transfer_us")) d->pace_transfer_us = atol(value);
        else if (!strcmp(key, "pace_byte_ns")) d->pace_byte_ns = atol(value);
        else if (!strcmp(key, "readout_protected")) d->readout_protected = atoi(value);
        else if (!strcmp(key, "fault_write")) d->fault_write = (long)strtoul(value, NULL, 0);
        else if (!strcmp(key, "fault_stall")) d->fault_stall = atol(value);
        else if (!strcmp(key, "fault_disconnect")) d->fault_disconnect = atol(value);
    }
    fclose(f);
    for (int i = 0; i < device_count; i++) {
        char marker[MAX_TEXT + 16];
        snprintf(marker, sizeof marker, "%s/unprotected", devices[i].store);
        if (access(marker, F_OK) == 0) devices[i].readout_protected = 0; /* a Read Unprotect lasts across resets */
    }
    for (int i = 0; i < device_count; i++)
        for (int j = 0; j < devices[i].alt_count; j++)
            if (map_memory(&devices[i], j, inits[i][j]) != 0) fprintf(stderr, "fake libusb: cannot map the memory of alt %d in '%s'\n", j, devices[i].store);
    return 0;
}

/* ---- time ---- */

static void add_us(struct timespec *t, long us)
{
    t->tv_sec += us / 1000000;
    t->tv_nsec += (us % 1000000) * 1000;
    if (t->tv_nsec >= 1000000000) { t->tv_sec++; t->tv_nsec -= 1000000000; }
}

static long remaining_ms(const struct timespec *until)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long us = (until->tv_sec - now.tv_sec) * 1000000 + (until->tv_nsec - now.tv_nsec) / 1000;
    return us <= 0 ? 0 : (us + 999) / 1000;
}

static void pace(struct fake_device *d, int bytes)
{
    long ns = d->pace_transfer_us * 1000 + d->pace_byte_ns * bytes;
    if (ns <= 0) return;
    struct timespec t = { ns / 1000000000, ns % 1000000000 };
    while (nanosleep(&t, &t) != 0 && errno == EINTR) { }
}

/* ---- DfuSe device ---- */

static struct sector *sector_at(struct alt *a, uint32_t address)
{
    for (int i = 0; i < a->count; i++)
        if (address >= a->sectors[i].address && address - a->sectors[i].address < a->sectors[i].size) return &a->sectors[i];
    return NULL;
}

/* The range lies in sectors that all have the attributes; its first byte's offset in the memory file, or -1. */
static long range_offset(struct alt *a, uint32_t address, uint32_t length, int attributes)
{
    struct sector *first = sector_at(a, address);
    if (!first) return -1;
    for (uint32_t done = 0; done < length;) {
        struct sector *s = sector_at(a, address + done);
        if (!s || (s->attributes & attributes) != attributes) return -1;
        done += s->size - (address + done - s->address);
    }
    return (long)(first->offset + (address - first->address));
}

static void fail(struct fake_device *d, int status)
{
    d->pending_status = status;
}

/* Carries out the DNLOAD received; returns how long the device is busy, in microseconds. */
static long execute(struct fake_device *d)
{
    struct alt *a = &d->alts[d->current_alt];
    uint8_t *p = d->pending;
    int n = d->pending_length;
    d->pending_status = OK;
    if (d->pending_block == 0) {
        uint32_t address = n >= 5 ? (uint32_t)(p[1] | p[2] << 8 | p[3] << 16 | (uint32_t)p[4] << 24) : 0;
        if (n == 5 && p[0] == 0x21) {
            if (!sector_at(a, address)) fail(d, ERR_TARGET);
            else d->pointer = address;
            return 0;
        }
        if (n == 5 && p[0] == 0x41) {
            struct sector *s = sector_at(a, address);
            if (!s || !(s->attributes & 2)) { fail(d, ERR_TARGET); return 0; }
            if (d->readout_protected) { fail(d, ERR_VENDOR); return 0; }
            memset(a->memory + s->offset, 0xFF, s->size);
            event(d, "erase 0x%08X", s->address);
            return d->erase_ms_per_kb * 1000 * (long)(s->size / 1024);
        }
        if (n == 1 && p[0] == 0x41) {
            if (d->readout_protected) { fail(d, ERR_VENDOR); return 0; }
            for (int i = 0; i < a->count; i++)
                if (a->sectors[i].attributes & 2) memset(a->memory + a->sectors[i].offset, 0xFF, a->sectors[i].size);
            event(d, "mass-erase");
            return d->mass_erase_ms * 1000;
        }
        if (n == 1 && p[0] == 0x92) {
            for (int i = 0; i < d->alts[0].count; i++)
                if (d->alts[0].sectors[i].attributes & 2) memset(d->alts[0].memory + d->alts[0].sectors[i].offset, 0xFF, d->alts[0].sectors[i].size);
            d->readout_protected = 0;
            event(d, "read-unprotect");
            char marker[MAX_TEXT + 16];
            snprintf(marker, sizeof marker, "%s/unprotected", d->store);
            FILE *m = fopen(marker, "w");
            if (m) fclose(m);
            d->gone = 1; /* the device resets */
            return d->mass_erase_ms * 1000;
        }
        fail(d, ERR_STALLEDPKT);
        return 0;
    }
    if (d->pending_block == 1) { fail(d, ERR_STALLEDPKT); return 0; }
    uint32_t address = d->pointer + (uint32_t)(d->pending_block - 2) * d->transfer;
    long offset = range_offset(a, address, (uint32_t)n, 4);
    if (offset < 0) { fail(d, ERR_ADDRESS); return 0; }
    if (d->readout_protected) { fail(d, ERR_VENDOR); return 0; }
    struct sector *s = sector_at(a, address);
    if (!(s->attributes & 2)) {
        /* option bytes: written as given; the device loads them and resets */
        memcpy(a->memory + offset, p, (size_t)n);
        event(d, "option-bytes 0x%08X %d", address, n);
        d->gone = 1;
        return 0;
    }
    for (int i = 0; i < n; i++) {
        if (d->fault_write >= 0 && address + (uint32_t)i == (uint32_t)d->fault_write) { fail(d, ERR_WRITE); break; }
        uint8_t *cell = a->memory + offset + i;
        uint8_t before = *cell;
        *cell &= p[i];
        if (*cell != p[i] && d->pending_status == OK) {
            (void)before;
            fail(d, ERR_VERIFY);
        }
    }
    event(d, "write 0x%08X %d", address, n);
    return d->program_us_per_kb * n / 1024;
}

static int get_status(struct fake_device *d, uint8_t *data, uint16_t length)
{
    long poll = 0;
    if (d->state == S_DNLOAD_SYNC) {
        long us = execute(d);
        clock_gettime(CLOCK_MONOTONIC, &d->busy_until);
        add_us(&d->busy_until, us);
        d->state = S_DNBUSY;
        poll = (us + 999) / 1000;
    } else if (d->state == S_DNBUSY) {
        poll = remaining_ms(&d->busy_until);
        if (poll == 0) {
            d->status = d->pending_status;
            d->state = d->status == OK ? S_DNLOAD_IDLE : S_ERROR;
        }
    } else if (d->state == S_MANIFEST_SYNC) {
        d->state = S_MANIFEST;
        event(d, "leave 0x%08X", d->pointer);
        d->gone = 1;
    }
    uint8_t reply[6] = { (uint8_t)d->status, (uint8_t)poll, (uint8_t)(poll >> 8), (uint8_t)(poll >> 16), (uint8_t)d->state, 0 };
    int n = length < 6 ? length : 6;
    memcpy(data, reply, (size_t)n);
    return n;
}

static int stall(struct fake_device *d, int status)
{
    d->state = S_ERROR;
    d->status = status;
    return LIBUSB_ERROR_PIPE;
}

static int upload(struct fake_device *d, uint16_t block, uint8_t *data, uint16_t length)
{
    if (d->state != S_IDLE && d->state != S_UPLOAD_IDLE) return stall(d, ERR_STALLEDPKT);
    if (block == 0) {
        static const uint8_t commands[] = { 0x00, 0x21, 0x41, 0x92 };
        int n = length < 4 ? length : 4;
        memcpy(data, commands, (size_t)n);
        d->state = S_UPLOAD_IDLE;
        return n;
    }
    if (block == 1) return stall(d, ERR_STALLEDPKT);
    if (d->readout_protected) return stall(d, ERR_VENDOR);
    struct alt *a = &d->alts[d->current_alt];
    uint32_t address = d->pointer + (uint32_t)(block - 2) * d->transfer;
    long offset = range_offset(a, address, length, 1);
    if (offset < 0) return stall(d, ERR_TARGET);
    memcpy(data, a->memory + offset, length);
    d->state = S_UPLOAD_IDLE;
    return length;
}

static int dfu_request(struct fake_device *d, uint8_t type, uint8_t request, uint16_t value, uint8_t *data, uint16_t length)
{
    if (type == 0x21 && request == 1) { /* DNLOAD */
        if (d->state != S_IDLE && d->state != S_DNLOAD_IDLE) return stall(d, ERR_STALLEDPKT);
        if (length == 0) {
            d->state = S_MANIFEST_SYNC;
            return 0;
        }
        if (length > sizeof d->pending || length > d->transfer) return stall(d, ERR_STALLEDPKT);
        memcpy(d->pending, data, length);
        d->pending_length = length;
        d->pending_block = value;
        d->state = S_DNLOAD_SYNC;
        return length;
    }
    if (type == 0xA1 && request == 2) return upload(d, value, data, length);
    if (type == 0xA1 && request == 3) return get_status(d, data, length);
    if (type == 0x21 && request == 4) { /* CLRSTATUS */
        d->state = S_IDLE;
        d->status = OK;
        return 0;
    }
    if (type == 0xA1 && request == 5) {
        if (length < 1) return LIBUSB_ERROR_OVERFLOW;
        data[0] = (uint8_t)d->state;
        return 1;
    }
    if (type == 0x21 && request == 6) { /* ABORT */
        if (d->state == S_ERROR) return stall(d, d->status);
        d->state = S_IDLE;
        return 0;
    }
    if (type == 0x21 && request == 0) return 0; /* DETACH */
    return LIBUSB_ERROR_PIPE;
}

static int string_descriptor(struct fake_device *d, uint8_t index, uint8_t *data, uint16_t length)
{
    uint8_t buffer[2 + 2 * MAX_TEXT];
    const char *text;
    if (index == 0) {
        uint8_t langs[] = { 4, 3, 0x09, 0x04 };
        int n = length < 4 ? length : 4;
        memcpy(data, langs, (size_t)n);
        return n;
    }
    if (index == 1) text = "STMicroelectronics";
    else if (index == 2) text = "STM32  BOOTLOADER";
    else if (index == 3) text = d->serial;
    else if (index - 4 < d->alt_count) text = d->alts[index - 4].name;
    else return LIBUSB_ERROR_PIPE;
    int chars = (int)strlen(text);
    if (chars > 126) chars = 126;
    buffer[0] = (uint8_t)(2 + 2 * chars);
    buffer[1] = 3;
    for (int i = 0; i < chars; i++) { buffer[2 + 2 * i] = (uint8_t)text[i]; buffer[3 + 2 * i] = 0; }
    int n = length < buffer[0] ? length : buffer[0];
    memcpy(data, buffer, (size_t)n);
    return n;
}

static void functional_descriptor(struct fake_device *d, uint8_t *out)
{
    uint8_t f[9] = { 9, 0x21, 0x0B, 0xFF, 0x00, (uint8_t)d->transfer, (uint8_t)(d->transfer >> 8), 0x1A, 0x01 };
    memcpy(out, f, 9);
}

/* ---- libusb API ---- */

EXPORT int libusb_init(libusb_context **ctx)
{
    if (contexts++ == 0) {
        unload();
        load();
    }
    if (ctx) *ctx = (libusb_context *)&dummy_context;
    return 0;
}

EXPORT void libusb_exit(libusb_context *ctx)
{
    (void)ctx;
    if (contexts > 0) contexts--;
}

EXPORT int libusb_set_option(libusb_context *ctx, int option, ...)
{
    (void)ctx; (void)option;
    return 0;
}

EXPORT void libusb_set_debug(libusb_context *ctx, int level)
{
    (void)ctx; (void)level;
}

EXPORT const struct libusb_version *libusb_get_version(void)
{
    static const struct libusb_version version = { 1, 0, 26, 11724, "", "fake libusb for Stm32Flash tests" };
    return &version;
}

EXPORT const char *libusb_error_name(int code)
{
    switch (code) {
    case LIBUSB_SUCCESS: return "LIBUSB_SUCCESS";
    case LIBUSB_ERROR_IO: return "LIBUSB_ERROR_IO";
    case LIBUSB_ERROR_INVALID_PARAM: return "LIBUSB_ERROR_INVALID_PARAM";
    case LIBUSB_ERROR_ACCESS: return "LIBUSB_ERROR_ACCESS";
    case LIBUSB_ERROR_NO_DEVICE: return "LIBUSB_ERROR_NO_DEVICE";
    case LIBUSB_ERROR_NOT_FOUND: return "LIBUSB_ERROR_NOT_FOUND";
    case LIBUSB_ERROR_BUSY: return "LIBUSB_ERROR_BUSY";
    case LIBUSB_ERROR_TIMEOUT: return "LIBUSB_ERROR_TIMEOUT";
    case LIBUSB_ERROR_OVERFLOW: return "LIBUSB_ERROR_OVERFLOW";
    case LIBUSB_ERROR_PIPE: return "LIBUSB_ERROR_PIPE";
    case LIBUSB_ERROR_INTERRUPTED: return "LIBUSB_ERROR_INTERRUPTED";
    case LIBUSB_ERROR_NO_MEM: return "LIBUSB_ERROR_NO_MEM";
    case LIBUSB_ERROR_NOT_SUPPORTED: return "LIBUSB_ERROR_NOT_SUPPORTED";
    default: return "LIBUSB_ERROR_OTHER";
    }
}

EXPORT ssize_t libusb_get_device_list(libusb_context *ctx, libusb_device ***list)
{
    (void)ctx;
    libusb_device **l = calloc((size_t)device_count + 1, sizeof *l);
    if (!l) return LIBUSB_ERROR_NO_MEM;
    int n = 0;
    for (int i = 0; i < device_count; i++)
        if (!devices[i].gone) l[n++] = &devices[i];
    *list = l;
    return n;
}

EXPORT void libusb_free_device_list(libusb_device **list, int unref_devices)
{
    (void)unref_devices;
    free(list);
}

EXPORT libusb_device *libusb_ref_device(libusb_device *dev) { return dev; }

EXPORT void libusb_unref_device(libusb_device *dev) { (void)dev; }

EXPORT uint8_t libusb_get_bus_number(libusb_device *dev) { return dev->bus; }

EXPORT uint8_t libusb_get_device_address(libusb_device *dev) { return dev->address; }

EXPORT int libusb_get_port_numbers(libusb_device *dev, uint8_t *port_numbers, int length)
{
    if (length < dev->port_count) return LIBUSB_ERROR_OVERFLOW;
    memcpy(port_numbers, dev->ports, (size_t)dev->port_count);
    return dev->port_count;
}

EXPORT int libusb_get_device_descriptor(libusb_device *dev, struct libusb_device_descriptor *desc)
{
    memset(desc, 0, sizeof *desc);
    desc->bLength = 18;
    desc->bDescriptorType = 1;
    desc->bcdUSB = 0x0200;
    desc->bMaxPacketSize0 = 64;
    desc->idVendor = dev->vid;
    desc->idProduct = dev->pid;
    desc->bcdDevice = dev->bcd;
    desc->iManufacturer = 1;
    desc->iProduct = 2;
    desc->iSerialNumber = 3;
    desc->bNumConfigurations = 1;
    return 0;
}

/* One block: the descriptor, one interface, its alternate settings and the functional descriptor after the last one. */
EXPORT int libusb_get_config_descriptor(libusb_device *dev, uint8_t index, struct libusb_config_descriptor **config)
{
    if (index != 0) return LIBUSB_ERROR_NOT_FOUND;
    size_t size = sizeof(struct libusb_config_descriptor) + sizeof(struct libusb_interface)
        + (size_t)dev->alt_count * sizeof(struct libusb_interface_descriptor) + 9;
    uint8_t *block = calloc(1, size);
    if (!block) return LIBUSB_ERROR_NO_MEM;
    struct libusb_config_descriptor *c = (void *)block;
    struct libusb_interface *intf = (void *)(c + 1);
    struct libusb_interface_descriptor *alts = (void *)(intf + 1);
    uint8_t *functional = (uint8_t *)(alts + dev->alt_count);
    functional_descriptor(dev, functional);
    for (int i = 0; i < dev->alt_count; i++) {
        alts[i].bLength = 9;
        alts[i].bDescriptorType = 4;
        alts[i].bAlternateSetting = (uint8_t)i;
        alts[i].bInterfaceClass = 0xFE;
        alts[i].bInterfaceSubClass = 1;
        alts[i].bInterfaceProtocol = 2;
        alts[i].iInterface = (uint8_t)(4 + i);
        if (i == dev->alt_count - 1) {
            alts[i].extra = functional;
            alts[i].extra_length = 9;
        }
    }
    intf->altsetting = alts;
    intf->num_altsetting = dev->alt_count;
    c->bLength = 9;
    c->bDescriptorType = 2;
    c->wTotalLength = (uint16_t)(9 + 9 * dev->alt_count + 9);
    c->bNumInterfaces = 1;
    c->bConfigurationValue = 1;
    c->bmAttributes = 0xC0;
    c->MaxPower = 50;
    c->interface = intf;
    *config = c;
    return 0;
}

EXPORT void libusb_free_config_descriptor(struct libusb_config_descriptor *config) { free(config); }

EXPORT int libusb_open(libusb_device *dev, libusb_device_handle **handle)
{
    if (dev->gone) return LIBUSB_ERROR_NO_DEVICE;
    struct fake_handle *h = calloc(1, sizeof *h);
    if (!h) return LIBUSB_ERROR_NO_MEM;
    h->device = dev;
    dev->open_handles++;
    *handle = h;
    return 0;
}

EXPORT void libusb_close(libusb_device_handle *handle)
{
    if (!handle) return;
    handle->device->open_handles--;
    free(handle);
}

EXPORT libusb_device *libusb_get_device(libusb_device_handle *handle) { return handle->device; }

EXPORT int libusb_claim_interface(libusb_device_handle *handle, int number)
{
    if (handle->device->gone) return LIBUSB_ERROR_NO_DEVICE;
    return number == 0 ? 0 : LIBUSB_ERROR_NOT_FOUND;
}

EXPORT int libusb_release_interface(libusb_device_handle *handle, int number)
{
    (void)handle;
    return number == 0 ? 0 : LIBUSB_ERROR_NOT_FOUND;
}

EXPORT int libusb_set_interface_alt_setting(libusb_device_handle *handle, int number, int alt)
{
    struct fake_device *d = handle->device;
    if (d->gone) return LIBUSB_ERROR_NO_DEVICE;
    if (number != 0 || alt < 0 || alt >= d->alt_count) return LIBUSB_ERROR_NOT_FOUND;
    d->current_alt = alt;
    return 0;
}

EXPORT int libusb_reset_device(libusb_device_handle *handle)
{
    return handle->device->gone ? LIBUSB_ERROR_NOT_FOUND : 0;
}

EXPORT int libusb_control_transfer(libusb_device_handle *handle, uint8_t type, uint8_t request, uint16_t value, uint16_t index,
    unsigned char *data, uint16_t length, unsigned int timeout)
{
    (void)timeout;
    struct fake_device *d = handle->device;
    if (d->gone) return LIBUSB_ERROR_NO_DEVICE;
    if (type == 0x80 && request == 6) { /* GET_DESCRIPTOR */
        uint8_t kind = (uint8_t)(value >> 8);
        if (kind == 3) return string_descriptor(d, (uint8_t)value, data, length);
        if (kind == 0x21) {
            uint8_t f[9];
            functional_descriptor(d, f);
            int n = length < 9 ? length : 9;
            memcpy(data, f, (size_t)n);
            return n;
        }
        return LIBUSB_ERROR_PIPE;
    }
    if ((type & 0x7F) != 0x21 || index != 0) return LIBUSB_ERROR_PIPE;
    d->requests++;
    if (d->fault_disconnect > 0 && d->requests >= d->fault_disconnect) {
        d->gone = 1;
        event(d, "disconnect");
        return LIBUSB_ERROR_NO_DEVICE;
    }
    if (d->fault_stall > 0 && d->requests == d->fault_stall) {
        event(d, "stall");
        return stall(d, ERR_STALLEDPKT);
    }
    int result = dfu_request(d, type, request, value, data, length);
    pace(d, length);
    return result;
}
