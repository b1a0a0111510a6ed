/*
 * A stand-in for ST's CubeProgrammer_API, for tests: same exports and signatures as the
 * header declares, a recorded log of every call with its marshalled arguments, an emulated
 * STM32 (erase-before-program flash in whole aligned units, the bootloaders' 256-byte
 * transfer limit, page and mass erase, readout and write protection set through option-byte
 * commands: fake_option_bytes.c), the display callbacks, and
 * failure injection. Extra fake_* exports let the tests read what the fake saw.
 */
#include "fake_cubeprogrammer.h"
#include "fake_option_bytes.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef FAKE_IDENTITY
#define FAKE_IDENTITY "fake"
#endif

#define FAKE_EXPORT API_EXPORT

extern int fake_dep_value(void); /* from libfakecubedep.so, which sits beside this library */

/* ---- state ---------------------------------------------------------------------------- */

static displayCallBacks g_callbacks;
static int g_verbosity;
static char g_loaders_path[4096];

static int g_iface = -1; /* targetInterfaceType while connected */
static int g_half_open;  /* a connect failed and disconnect() has not been called since */
static int g_running;    /* after execute(): the application runs, the bootloader is gone */
static int g_product_id = 0x472;
static int g_expected_i2c_address; /* 0: any */
static int g_limit_override = -1;  /* -1: per interface */
static int g_rdp;

static unsigned int g_flash_base = 0x08000000u;
static unsigned int g_flash_size = 512u * 1024u;
static unsigned int g_page_size = 2048u;
static unsigned int g_unit = 8u;
static unsigned char *g_flash;
static unsigned char *g_programmed; /* one flag per unit */

#define RAM_BASE 0x20000000u
#define RAM_SIZE (256u * 1024u)
#define BOOTLOADER_RAM_END 0x20004000u
static unsigned char g_ram[RAM_SIZE];

static generalInf g_general;

static int g_stlink_count = 2;
static int g_dfu_count = 1;
static debugConnectParameters *g_stlink_list;
static dfuDeviceInfo *g_dfu_list;

static long g_counters_alloc, g_counters_free, g_counters_free_unknown;
static long g_counters_lists_allocated, g_counters_lists_deleted;
#define MAX_OUTSTANDING 256
static void *g_outstanding[MAX_OUTSTANDING];

static char *g_log;
static size_t g_log_len, g_log_cap;

static char g_download_path[4096];

struct fail_rule { char function[48]; int remaining; int code; };
static struct fail_rule g_rules[8];

struct raw_struct { const char *type; unsigned char bytes[512]; int size; };
static struct raw_struct g_last[] = {
    { "debugConnectParameters", {0}, 0 }, { "usartConnectParameters", {0}, 0 },
    { "i2cConnectParameters", {0}, 0 },   { "spiConnectParameters", {0}, 0 },
    { "canConnectParameters", {0}, 0 },   { "dfuConnectParameters", {0}, 0 },
    { "displayCallBacks", {0}, 0 },
};

static volatile int g_cancel;           /* what getCancelPointer hands out */
static int g_busy_ms;                    /* long operations take this long, polling g_cancel every millisecond */
static volatile int g_busy_entered;      /* calls that have started being busy (read by the tests from another thread) */
static int g_cancel_seen;                /* calls that stopped because the host set the cancel flag */
static int g_thread_messages;            /* writeMemory also logs and reports progress from a thread of its own */

/* ---- helpers -------------------------------------------------------------------------- */

static void log_call(const char *format, ...)
{
    char line[1024];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line - 1, format, args);
    va_end(args);
    if (n < 0) return;
    if ((size_t)n > sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    if (g_log_len + (size_t)n + 1 > g_log_cap) {
        size_t cap = g_log_cap ? g_log_cap * 2 : 4096;
        while (cap < g_log_len + (size_t)n + 1) cap *= 2;
        g_log = realloc(g_log, cap);
        g_log_cap = cap;
    }
    memcpy(g_log + g_log_len, line, (size_t)n);
    g_log_len += (size_t)n;
    g_log[g_log_len] = 0;
    /* A test that loads the fake in another process (a real pwsh) reads the calls from this file. */
    const char *file = getenv("FAKE_CUBEPROGRAMMER_CALL_LOG");
    if (file && *file) {
        FILE *f = fopen(file, "a");
        if (f) { fwrite(line, 1, (size_t)n, f); fclose(f); }
    }
}

static void keep_struct(const char *type, const void *bytes, int size)
{
    for (size_t i = 0; i < sizeof g_last / sizeof g_last[0]; i++) {
        if (strcmp(g_last[i].type, type) == 0) {
            memcpy(g_last[i].bytes, bytes, (size_t)size);
            g_last[i].size = size;
        }
    }
}

static int injected_failure(const char *function)
{
    for (int i = 0; i < 8; i++) {
        if (g_rules[i].remaining > 0 && strcmp(g_rules[i].function, function) == 0) {
            if (--g_rules[i].remaining == 0) return g_rules[i].code;
        }
    }
    return 0;
}

/* UTF-8 to wchar_t (UTF-32 where wchar_t is 4 bytes), without relying on the C locale. */
static void utf8_to_wide(const char *s, wchar_t *out, size_t capacity)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n + 1 < capacity) {
        unsigned int cp;
        if (*p < 0x80) { cp = *p++; }
        else if ((*p & 0xE0) == 0xC0) { cp = (unsigned)(*p++ & 0x1F) << 6; cp |= *p++ & 0x3F; }
        else if ((*p & 0xF0) == 0xE0) { cp = (unsigned)(*p++ & 0x0F) << 12; cp |= (unsigned)(*p++ & 0x3F) << 6; cp |= *p++ & 0x3F; }
        else { cp = (unsigned)(*p++ & 0x07) << 18; cp |= (unsigned)(*p++ & 0x3F) << 12; cp |= (unsigned)(*p++ & 0x3F) << 6; cp |= *p++ & 0x3F; }
        out[n++] = (wchar_t)cp;
    }
    out[n] = 0;
}

static void wide_to_utf8(const wchar_t *s, char *out, size_t capacity)
{
    size_t n = 0;
    for (; *s; s++) {
        unsigned int cp = (unsigned int)*s;
        if (cp < 0x80 && n + 1 < capacity) out[n++] = (char)cp;
        else if (cp < 0x800 && n + 2 < capacity) { out[n++] = (char)(0xC0 | (cp >> 6)); out[n++] = (char)(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000 && n + 3 < capacity) {
            out[n++] = (char)(0xE0 | (cp >> 12)); out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[n++] = (char)(0x80 | (cp & 0x3F));
        } else if (n + 4 < capacity) {
            out[n++] = (char)(0xF0 | (cp >> 18)); out[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[n++] = (char)(0x80 | (cp & 0x3F));
        } else break;
    }
    out[n] = 0;
}

static void say(int type, const char *utf8)
{
    if (!g_callbacks.logMessage) return;
    wchar_t text[1024];
    utf8_to_wide(utf8, text, sizeof text / sizeof text[0]);
    g_callbacks.logMessage(type, text);
}

static void progress(unsigned int done, unsigned int total)
{
    if (g_callbacks.loadBar) g_callbacks.loadBar((int)done, (int)total);
}

/* A long operation: g_busy_ms in 1 ms steps, stopping early with -99 when the host sets the cancel flag. */
static int busy(const char *function)
{
    if (g_busy_ms <= 0) return 0;
    __atomic_add_fetch(&g_busy_entered, 1, __ATOMIC_SEQ_CST);
    struct timespec ms = { 0, 1000000 };
    for (int i = 0; i < g_busy_ms; i++) {
        if (g_cancel) {
            char text[120];
            snprintf(text, sizeof text, "Error: %s was cancelled", function);
            say(5, text);
            g_cancel_seen++;
            return -99;
        }
        nanosleep(&ms, NULL);
    }
    return 0;
}

struct thread_message { unsigned int address, size; };

static void *thread_message(void *p)
{
    struct thread_message *m = p;
    char text[120];
    snprintf(text, sizeof text, "writeMemory 0x%08X: a message from a library thread", m->address);
    say(1, text);
    progress(m->size / 2, m->size);
    return NULL;
}

static void ensure_memory(void)
{
    if (g_flash) return;
    g_flash = malloc(g_flash_size);
    memset(g_flash, 0xFF, g_flash_size);
    g_programmed = calloc(g_flash_size / g_unit, 1);
}

static int interface_limit(void)
{
    if (g_limit_override >= 0) return g_limit_override;
    switch (g_iface) {
    case USART_INTERFACE: case I2C_INTERFACE: case SPI_INTERFACE: case CAN_INTERFACE: return 256;
    default: return 0; /* the library splits transfers over SWD/JTAG and USB */
    }
}

static int is_bootloader(void) { return g_iface != STLINK_INTERFACE && g_iface != JLINK_INTERFACE; }

static int connected_check(void)
{
    if (g_iface < 0 || g_running) return -1; /* NOT_CONNECTED */
    return 0;
}

static int in_flash(unsigned int address, unsigned int size)
{
    return address >= g_flash_base && (unsigned long long)address + size <= (unsigned long long)g_flash_base + g_flash_size;
}

static int in_ram(unsigned int address, unsigned int size)
{
    return address >= RAM_BASE && (unsigned long long)address + size <= (unsigned long long)RAM_BASE + RAM_SIZE;
}

static void connected(int iface)
{
    ensure_memory();
    g_iface = iface;
    g_running = 0;
    memset(&g_general, 0, sizeof g_general);
    g_general.deviceId = (unsigned short)g_product_id;
    g_general.flashSize = (int)g_flash_size;
    g_general.bootloaderVersion = iface == I2C_INTERFACE ? 0x12 : 0x31;
    strcpy(g_general.type, "MCU");
    strcpy(g_general.cpu, "Cortex-M33");
    if (g_product_id == 0x472) {
        strcpy(g_general.name, "STM32L55x/L56x");
        strcpy(g_general.series, "STM32L5");
        strcpy(g_general.description, "MCU with TrustZone, 512 KB Flash");
    } else {
        snprintf(g_general.name, sizeof g_general.name, "FAKE-0x%03X", g_product_id);
        strcpy(g_general.series, "FAKE");
    }
    strcpy(g_general.revisionId, "Z");
    strcpy(g_general.board, "--");
    char text[128];
    snprintf(text, sizeof text, "Device ID : 0x%04X", g_product_id);
    say(1, text);
}

/* ---- the API -------------------------------------------------------------------------- */

void setDisplayCallbacks(displayCallBacks c)
{
    keep_struct("displayCallBacks", &c, (int)sizeof c);
    g_callbacks = c;
    log_call("setDisplayCallbacks");
#ifdef FAKE_VERSION_TEXT
    say(0, FAKE_VERSION_TEXT);
#endif
}

void setVerbosityLevel(int level)
{
    g_verbosity = level;
    log_call("setVerbosityLevel %d", level);
}

void setLoadersPath(const char *path)
{
    snprintf(g_loaders_path, sizeof g_loaders_path, "%s", path ? path : "(null)");
    log_call("setLoadersPath %s", g_loaders_path);
}

static debugConnectParameters make_probe(int i)
{
    debugConnectParameters p;
    memset(&p, 0, sizeof p);
    p.dbgPort = SWD;
    p.index = i;
    snprintf(p.serialNumber, sizeof p.serialNumber, "FAKESTLINK%04d", i);
    strcpy(p.firmwareVersion, "V3J15M7B5S1");
    strcpy(p.targetVoltage, "3.29");
    p.accessPortNumber = 1;
    p.isBridge = i == 0;
    static const unsigned int swd[] = { 24000, 8000, 3300, 1000, 200, 50, 5 };
    static const unsigned int jtag[] = { 21333, 16000, 12000, 8000, 1777, 750 };
    memcpy(p.freq.swdFreq, swd, sizeof swd);
    p.freq.swdFreqNumber = 7;
    memcpy(p.freq.jtagFreq, jtag, sizeof jtag);
    p.freq.jtagFreqNumber = 6;
    strcpy(p.board, i == 0 ? "STLINK-V3SET" : "NUCLEO-L552ZE-Q");
    return p;
}

static int list_stlinks(debugConnectParameters **list, int shared, const char *name)
{
    int rc = injected_failure(name);
    log_call("%s shared=%d", name, shared);
    if (rc) return rc;
    free(g_stlink_list);
    g_stlink_list = calloc((size_t)(g_stlink_count ? g_stlink_count : 1), sizeof *g_stlink_list);
    for (int i = 0; i < g_stlink_count; i++) g_stlink_list[i] = make_probe(i);
    g_counters_lists_allocated++;
    *list = g_stlink_list;
    return g_stlink_count;
}

static int through_probe(void)
{
    return g_iface == STLINK_INTERFACE || g_iface == I2C_INTERFACE || g_iface == SPI_INTERFACE || g_iface == CAN_INTERFACE;
}

/* getStLinkList opens every probe to read the target's voltage and settings: a connection through one is lost. */
int getStLinkList(debugConnectParameters **stLinkList, int shared)
{
    if (through_probe()) {
        say(4, "Warning: the ST-LINK was reopened to list it; the connection to the target is lost");
        g_iface = -1;
    }
    return list_stlinks(stLinkList, shared, "getStLinkList");
}

#if FAKE_API_VERSION >= 215
/* Lists the probes without opening them, so a connection is left as it is. */
int getStLinkEnumerationList(debugConnectParameters **list, int shared) { return list_stlinks(list, shared, "getStLinkEnumerationList"); }
#endif

/* A connect that fails leaves the probe or port half-open until disconnect(), as ST's examples assume: another connect before that finds it held. */
static int begin_connect(const char *function)
{
    int rc = injected_failure(function);
    if (!rc && g_half_open) {
        say(5, "Error: the interface is still held by a connection that failed; disconnect first");
        rc = -3;
    }
    return rc;
}

static int end_connect(int rc, int iface)
{
    if (rc) {
        g_half_open = 1;
        return rc;
    }
    connected(iface);
    return 0;
}

int connectStLink(debugConnectParameters p)
{
    keep_struct("debugConnectParameters", &p, (int)sizeof p);
    int rc = begin_connect("connectStLink");
    if (!rc && (p.connectionMode < NORMAL_MODE || p.connectionMode > FAKE_LAST_CONNECT_MODE)) {
        say(5, "Error: unknown connection mode");
        rc = -8;
    }
    log_call("connectStLink -> %d", rc);
    return end_connect(rc, STLINK_INTERFACE);
}

int reset(debugResetMode mode)
{
    int rc = injected_failure("reset");
    if (!rc) rc = connected_check();
    if (!rc && g_iface != STLINK_INTERFACE) rc = -5;
    log_call("reset %d -> %d", (int)mode, rc);
    if (!rc) g_running = 0;
    return rc;
}

int getUsartList(usartConnectParameters **usartList)
{
    (void)usartList;
    log_call("getUsartList");
    return 0;
}

int connectUsartBootloader(usartConnectParameters p)
{
    keep_struct("usartConnectParameters", &p, (int)sizeof p);
    int rc = begin_connect("connectUsartBootloader");
    log_call("connectUsartBootloader %s -> %d", p.portName, rc);
    return end_connect(rc, USART_INTERFACE);
}

int sendByteUart(int byte)
{
    log_call("sendByteUart %d", byte);
    return 0;
}

int getDfuDeviceList(dfuDeviceInfo **dfuList, int iPID, int iVID)
{
    int rc = injected_failure("getDfuDeviceList");
    log_call("getDfuDeviceList pid=0x%04X vid=0x%04X", iPID, iVID);
    if (rc) return rc;
    free(g_dfu_list);
    g_dfu_list = calloc((size_t)(g_dfu_count ? g_dfu_count : 1), sizeof *g_dfu_list);
    for (int i = 0; i < g_dfu_count; i++) {
        snprintf(g_dfu_list[i].usbIndex, sizeof g_dfu_list[i].usbIndex, "USB%d", (i + 1) % 1000);
        g_dfu_list[i].busNumber = 1;
        g_dfu_list[i].addressNumber = 5 + i;
        strcpy(g_dfu_list[i].productId, "STM32  BOOTLOADER");
        snprintf(g_dfu_list[i].serialNumber, sizeof g_dfu_list[i].serialNumber, "205F37A0514%d", i % 1000);
        g_dfu_list[i].dfuVersion = 0x011A;
    }
    g_counters_lists_allocated++;
    *dfuList = g_dfu_list;
    return g_dfu_count;
}

int connectDfuBootloader(char *usbIndex)
{
    int rc = begin_connect("connectDfuBootloader");
    log_call("connectDfuBootloader %s -> %d", usbIndex ? usbIndex : "(null)", rc);
    return end_connect(rc, USB_INTERFACE);
}

int connectDfuBootloader2(dfuConnectParameters p)
{
    keep_struct("dfuConnectParameters", &p, (int)sizeof p);
    int rc = begin_connect("connectDfuBootloader2");
#if FAKE_API_VERSION >= 221
    /* usbTimeout is how long the library waits for each USB answer: 0 ms leaves the device no time to answer. */
    if (!rc && p.usbTimeout <= 0) {
        say(5, "Error: no answer from the USB DFU device within the USB timeout");
        rc = -3;
    }
    log_call("connectDfuBootloader2 %s usbTimeout=%d -> %d", p.usb_index ? p.usb_index : "(null)", p.usbTimeout, rc);
#else
    log_call("connectDfuBootloader2 %s -> %d", p.usb_index ? p.usb_index : "(null)", rc);
#endif
    return end_connect(rc, USB_INTERFACE);
}

int connectSpiBootloader(spiConnectParameters p)
{
    keep_struct("spiConnectParameters", &p, (int)sizeof p);
    int rc = begin_connect("connectSpiBootloader");
    log_call("connectSpiBootloader -> %d", rc);
    return end_connect(rc, SPI_INTERFACE);
}

int connectCanBootloader(canConnectParameters p)
{
    keep_struct("canConnectParameters", &p, (int)sizeof p);
    int rc = begin_connect("connectCanBootloader");
    log_call("connectCanBootloader -> %d", rc);
    return end_connect(rc, CAN_INTERFACE);
}

int connectI2cBootloader(i2cConnectParameters p)
{
    keep_struct("i2cConnectParameters", &p, (int)sizeof p);
    int rc = begin_connect("connectI2cBootloader");
    if (!rc && g_expected_i2c_address && p.add != g_expected_i2c_address) {
        say(5, "Error: no response from the device at this I2C address");
        rc = -3;
    }
    log_call("connectI2cBootloader add=0x%02X -> %d", p.add, rc);
    return end_connect(rc, I2C_INTERFACE);
}

int checkDeviceConnection(void)
{
    log_call("checkDeviceConnection");
    return connected_check() == 0 ? 1 : 0;
}

generalInf *getDeviceGeneralInf(void)
{
    log_call("getDeviceGeneralInf");
    return connected_check() == 0 ? &g_general : NULL;
}

int readMemory(unsigned int address, unsigned char **data, unsigned int size)
{
    int rc = injected_failure("readMemory");
    int limit = interface_limit();
    if (!rc) rc = connected_check();
    if (!rc && g_rdp) rc = -16;
    if (!rc && (size == 0 || (limit && size > (unsigned)limit))) rc = -9;
    if (!rc && !in_flash(address, size) && !in_ram(address, size)) rc = -9;
    log_call("readMemory 0x%08X %u -> %d", address, size, rc);
    if (rc) { *data = NULL; return rc; }
    unsigned char *buffer = malloc(size);
    memcpy(buffer, in_flash(address, size) ? g_flash + (address - g_flash_base) : g_ram + (address - RAM_BASE), size);
    for (int i = 0; i < MAX_OUTSTANDING; i++) {
        if (!g_outstanding[i]) { g_outstanding[i] = buffer; break; }
    }
    g_counters_alloc++;
    if (g_callbacks.initProgressBar) g_callbacks.initProgressBar();
    progress(size, size);
    *data = buffer;
    return 0;
}

/* The flash is two banks of equal size, as an STM32L5's in dual-bank mode. */
static int page_write_protected(unsigned int page)
{
    unsigned int per_bank = g_flash_size / g_page_size / 2;
    if (per_bank == 0 || !ob_write_protected(page / per_bank, page % per_bank)) return 0;
    char text[120];
    snprintf(text, sizeof text, "Error: page %u is write-protected", page);
    say(5, text);
    return 1;
}

static int program_flash(unsigned int address, const char *data, unsigned int size)
{
    char text[200];
    if (address % g_unit || size % g_unit) {
        snprintf(text, sizeof text, "Error: flash is written in whole %u-byte units (0x%08X, %u bytes)", g_unit, address, size);
        say(5, text);
        return -10;
    }
    unsigned int offset = address - g_flash_base;
    for (unsigned int page = offset / g_page_size; page <= (offset + size - 1) / g_page_size; page++)
        if (page_write_protected(page)) return -10;
    for (unsigned int u = offset / g_unit; u < (offset + size) / g_unit; u++) {
        if (g_programmed[u]) {
            snprintf(text, sizeof text, "Error: the unit at 0x%08X was already programmed since its erase", g_flash_base + u * g_unit);
            say(5, text);
            return -10;
        }
    }
    for (unsigned int u = offset / g_unit; u < (offset + size) / g_unit; u++) g_programmed[u] = 1;
    memcpy(g_flash + offset, data, size);
    return 0;
}

#ifndef FAKE_OMIT_WRITEMEMORY /* a library that lacks a required export */
int writeMemory(unsigned int address, char *data, unsigned int size)
{
    int rc = injected_failure("writeMemory");
    int limit = interface_limit();
    if (!rc) rc = connected_check();
    if (!rc) rc = busy("writeMemory");
    if (!rc && g_thread_messages) {
        struct thread_message m = { address, size };
        pthread_t thread;
        pthread_create(&thread, NULL, thread_message, &m);
        pthread_join(thread, NULL);
    }
    if (!rc && g_rdp) rc = -16;
    if (!rc && (size == 0 || (limit && size > (unsigned)limit))) {
        say(5, "Error: the bootloader takes at most 256 bytes per write");
        rc = -10;
    }
    if (!rc) {
        if (in_flash(address, size)) rc = program_flash(address, data, size);
        else if (in_ram(address, size) && !(is_bootloader() && address < BOOTLOADER_RAM_END)) memcpy(g_ram + (address - RAM_BASE), data, size);
        else rc = -10;
    }
    log_call("writeMemory 0x%08X %u -> %d", address, size, rc);
    if (!rc) {
        if (g_callbacks.initProgressBar) g_callbacks.initProgressBar();
        progress(0, size);
        progress(size, size);
    }
    return rc;
}
#endif

int editSector(unsigned int address, char *data, unsigned int size)
{
    (void)data;
    log_call("editSector 0x%08X %u", address, size);
    return -5;
}

/* binPath is read as a string (ST's examples pass L""), so NULL is refused rather than dereferenced. */
int downloadFile(const wchar_t *filePath, unsigned int address, unsigned int skipErase, unsigned int verify, const wchar_t *binPath)
{
    wide_to_utf8(filePath, g_download_path, sizeof g_download_path);
    int rc = injected_failure("downloadFile");
    if (!rc && !binPath) {
        say(5, "Error: binPath is NULL");
        rc = -8;
    }
    if (!rc) rc = connected_check();
    FILE *f = rc ? NULL : fopen(g_download_path, "rb");
    if (!rc && !f) rc = -4;
    if (f) fclose(f);
    log_call("downloadFile %s 0x%08X skipErase=%u verify=%u -> %d", g_download_path, address, skipErase, verify, rc);
    return rc;
}

int execute(unsigned int address)
{
    int rc = injected_failure("execute");
    if (!rc) rc = connected_check();
    log_call("execute 0x%08X -> %d", address, rc);
    if (!rc && is_bootloader()) g_running = 1;
    return rc;
}

static void erase_page(unsigned int page)
{
    memset(g_flash + page * g_page_size, 0xFF, g_page_size);
    memset(g_programmed + page * g_page_size / g_unit, 0, g_page_size / g_unit);
}

int massErase(char *sFlashMemName)
{
    int rc = injected_failure("massErase");
    if (!rc) rc = connected_check();
    if (!rc) rc = busy("massErase");
    if (!rc && g_rdp) rc = -16;
    if (!rc && ob_any_write_protected()) {
        say(5, "Error: mass erase is refused while pages are write-protected");
        rc = -11;
    }
    log_call("massErase %s -> %d", sFlashMemName ? sFlashMemName : "(null)", rc);
    if (rc) return rc;
    for (unsigned int p = 0; p < g_flash_size / g_page_size; p++) erase_page(p);
    return 0;
}

int sectorErase(unsigned int sectors[], unsigned int sectorNbr, char *sFlashMemName)
{
    char list[600] = "";
    size_t n = 0;
    for (unsigned int i = 0; i < sectorNbr && n + 12 < sizeof list; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, i ? ",%u" : "%u", sectors[i]);
    int rc = injected_failure("sectorErase");
    if (!rc) rc = connected_check();
    if (!rc) rc = busy("sectorErase");
    if (!rc && g_rdp) rc = -16;
    for (unsigned int i = 0; !rc && i < sectorNbr; i++)
        if (sectors[i] >= g_flash_size / g_page_size || page_write_protected(sectors[i])) rc = -11;
    log_call("sectorErase %s %s -> %d", list, sFlashMemName ? sFlashMemName : "(null)", rc);
    if (rc) return rc;
    for (unsigned int i = 0; i < sectorNbr; i++) erase_page(sectors[i]);
    return 0;
}

int readUnprotect(void)
{
    int rc = injected_failure("readUnprotect");
    if (!rc) rc = connected_check();
    log_call("readUnprotect -> %d", rc);
    if (rc) return rc;
    for (unsigned int p = 0; p < g_flash_size / g_page_size; p++) erase_page(p);
    g_rdp = 0;
    return 0;
}

int tzenRegression(void)
{
    log_call("tzenRegression");
    return 0;
}

int getTargetInterfaceType(void)
{
    log_call("getTargetInterfaceType");
    return g_iface;
}

volatile int *getCancelPointer(void) { return &g_cancel; }

int sendOptionBytesCmd(char *command)
{
    int rc = injected_failure("sendOptionBytesCmd");
    if (!rc) rc = connected_check();
    long rdp = -1;
    char error[200];
    if (!rc && !command) rc = -8;
    if (!rc && (rc = ob_apply(command, &rdp, error, sizeof error)) != 0) say(5, error);
    log_call("sendOptionBytesCmd %s -> %d", command ? command : "(null)", rc);
    if (rc) return rc;
    if (rdp >= 0) g_rdp = rdp == 0xAA ? 0 : rdp == 0xCC ? 2 : 1;
    return 0;
}

void disconnect(void)
{
    log_call("disconnect");
    g_iface = -1;
    g_half_open = 0;
    g_running = 0;
}

void deleteInterfaceList(void)
{
    log_call("deleteInterfaceList");
    if (g_stlink_list) { free(g_stlink_list); g_stlink_list = NULL; g_counters_lists_deleted++; }
    if (g_dfu_list) { free(g_dfu_list); g_dfu_list = NULL; g_counters_lists_deleted++; }
}

#if FAKE_API_VERSION >= 217
void freeLibraryMemory(void *ptr)
{
    log_call("freeLibraryMemory");
    for (int i = 0; i < MAX_OUTSTANDING; i++) {
        if (ptr && g_outstanding[i] == ptr) {
            g_outstanding[i] = NULL;
            free(ptr);
            g_counters_free++;
            return;
        }
    }
    g_counters_free_unknown++;
}
#endif

/* ---- what the tests read and set ------------------------------------------------------ */

FAKE_EXPORT const char *fake_identity(void) { return FAKE_IDENTITY; }

FAKE_EXPORT int fake_dependency_value(void) { return fake_dep_value(); }

FAKE_EXPORT const char *fake_call_log(void) { return g_log ? g_log : ""; }

FAKE_EXPORT void fake_reset(void)
{
    g_log_len = 0;
    if (g_log) g_log[0] = 0;
    memset(g_rules, 0, sizeof g_rules);
    for (size_t i = 0; i < sizeof g_last / sizeof g_last[0]; i++)
        if (strcmp(g_last[i].type, "displayCallBacks") != 0) g_last[i].size = 0; /* set once, at load */
    g_iface = -1;
    g_half_open = 0;
    g_running = 0;
    g_rdp = 0;
    ob_reset();
    g_product_id = 0x472;
    g_expected_i2c_address = 0;
    g_limit_override = -1;
    g_stlink_count = 2;
    g_dfu_count = 1;
    g_counters_alloc = g_counters_free = g_counters_free_unknown = 0;
    g_counters_lists_allocated = g_counters_lists_deleted = 0;
    g_cancel = 0;
    g_busy_ms = 0;
    g_busy_entered = 0;
    g_cancel_seen = 0;
    g_thread_messages = 0;
    g_download_path[0] = 0;
    g_loaders_path[0] = 0;
    free(g_flash);
    free(g_programmed);
    g_flash = NULL;
    g_programmed = NULL;
    g_flash_base = 0x08000000u;
    g_flash_size = 512u * 1024u;
    g_page_size = 2048u;
    g_unit = 8u;
    ensure_memory();
    memset(g_ram, 0, sizeof g_ram);
}

FAKE_EXPORT void fake_set_product_id(int pid) { g_product_id = pid; }

FAKE_EXPORT void fake_set_flash(unsigned int base, unsigned int size, unsigned int pageSize, unsigned int unit)
{
    free(g_flash);
    free(g_programmed);
    g_flash = NULL;
    g_programmed = NULL;
    g_flash_base = base;
    g_flash_size = size;
    g_page_size = pageSize;
    g_unit = unit;
    ensure_memory();
}

FAKE_EXPORT void fake_set_expected_i2c_address(int address) { g_expected_i2c_address = address; }

FAKE_EXPORT void fake_set_transfer_limit(int limit) { g_limit_override = limit; }

FAKE_EXPORT void fake_set_probe_count(int stlinks, int dfus) { g_stlink_count = stlinks; g_dfu_count = dfus; }

FAKE_EXPORT int fake_rdp(void) { return g_rdp; }

FAKE_EXPORT int fake_write_protected(unsigned int bank, unsigned int page_in_bank) { return ob_write_protected(bank, page_in_bank); }

FAKE_EXPORT void fake_set_busy_ms(int ms) { g_busy_ms = ms; }

FAKE_EXPORT void fake_set_thread_messages(int on) { g_thread_messages = on; }

FAKE_EXPORT void fake_fail(const char *function, int nth, int code)
{
    for (int i = 0; i < 8; i++) {
        if (g_rules[i].remaining == 0) {
            snprintf(g_rules[i].function, sizeof g_rules[i].function, "%s", function);
            g_rules[i].remaining = nth;
            g_rules[i].code = code;
            return;
        }
    }
}

FAKE_EXPORT long fake_counter(const char *name)
{
    if (strcmp(name, "alloc") == 0) return g_counters_alloc;
    if (strcmp(name, "free") == 0) return g_counters_free;
    if (strcmp(name, "free_unknown") == 0) return g_counters_free_unknown;
    if (strcmp(name, "lists_allocated") == 0) return g_counters_lists_allocated;
    if (strcmp(name, "lists_deleted") == 0) return g_counters_lists_deleted;
    if (strcmp(name, "busy_entered") == 0) return __atomic_load_n(&g_busy_entered, __ATOMIC_SEQ_CST);
    if (strcmp(name, "cancel_seen") == 0) return g_cancel_seen;
    if (strcmp(name, "lists_outstanding") == 0) return (g_stlink_list != NULL) + (g_dfu_list != NULL);
    return -1;
}

FAKE_EXPORT int fake_last_struct(const char *type, unsigned char *buffer, int capacity)
{
    for (size_t i = 0; i < sizeof g_last / sizeof g_last[0]; i++) {
        if (strcmp(g_last[i].type, type) == 0) {
            int n = g_last[i].size < capacity ? g_last[i].size : capacity;
            memcpy(buffer, g_last[i].bytes, (size_t)n);
            return g_last[i].size;
        }
    }
    return -1;
}

FAKE_EXPORT int fake_read_flash(unsigned int address, unsigned char *out, unsigned int size)
{
    ensure_memory();
    if (!in_flash(address, size)) return -1;
    memcpy(out, g_flash + (address - g_flash_base), size);
    return 0;
}

FAKE_EXPORT const char *fake_loaders_path(void) { return g_loaders_path; }

FAKE_EXPORT const char *fake_last_download_path(void) { return g_download_path; }

FAKE_EXPORT int fake_verbosity(void) { return g_verbosity; }

struct emit_args { int type; const char *text; };

static void *emit_thread(void *p)
{
    struct emit_args *a = p;
    say(a->type, a->text);
    progress(7, 9);
    return NULL;
}

/* Calls logMessage (then loadBar(7, 9)) with the text as wchar_t, on this thread or a new one. */
FAKE_EXPORT void fake_emit_log(int type, const char *utf8, int fromOtherThread)
{
    struct emit_args a = { type, utf8 };
    if (!fromOtherThread) { emit_thread(&a); return; }
    pthread_t thread;
    pthread_create(&thread, NULL, emit_thread, &a);
    pthread_join(thread, NULL);
}

/* sizeof and offsetof as this compiler lays the structs out. */
#define FIELD(t, f) if (strcmp(field, #f) == 0) return (int)offsetof(t, f)

FAKE_EXPORT int fake_sizeof(const char *type)
{
    if (strcmp(type, "frequencies") == 0) return (int)sizeof(frequencies);
    if (strcmp(type, "debugConnectParameters") == 0) return (int)sizeof(debugConnectParameters);
    if (strcmp(type, "dfuDeviceInfo") == 0) return (int)sizeof(dfuDeviceInfo);
    if (strcmp(type, "dfuConnectParameters") == 0) return (int)sizeof(dfuConnectParameters);
    if (strcmp(type, "usartConnectParameters") == 0) return (int)sizeof(usartConnectParameters);
    if (strcmp(type, "spiConnectParameters") == 0) return (int)sizeof(spiConnectParameters);
    if (strcmp(type, "canConnectParameters") == 0) return (int)sizeof(canConnectParameters);
    if (strcmp(type, "i2cConnectParameters") == 0) return (int)sizeof(i2cConnectParameters);
    if (strcmp(type, "generalInf") == 0) return (int)sizeof(generalInf);
    if (strcmp(type, "displayCallBacks") == 0) return (int)sizeof(displayCallBacks);
    if (strcmp(type, "wchar_t") == 0) return (int)sizeof(wchar_t);
    return -1;
}

FAKE_EXPORT int fake_offsetof(const char *type, const char *field)
{
    if (strcmp(type, "frequencies") == 0) {
        FIELD(frequencies, jtagFreq); FIELD(frequencies, jtagFreqNumber); FIELD(frequencies, swdFreq); FIELD(frequencies, swdFreqNumber);
    } else if (strcmp(type, "debugConnectParameters") == 0) {
        FIELD(debugConnectParameters, dbgPort); FIELD(debugConnectParameters, index); FIELD(debugConnectParameters, serialNumber);
        FIELD(debugConnectParameters, firmwareVersion); FIELD(debugConnectParameters, targetVoltage);
        FIELD(debugConnectParameters, accessPortNumber); FIELD(debugConnectParameters, accessPort);
        FIELD(debugConnectParameters, connectionMode); FIELD(debugConnectParameters, resetMode);
        FIELD(debugConnectParameters, isOldFirmware); FIELD(debugConnectParameters, freq); FIELD(debugConnectParameters, frequency);
        FIELD(debugConnectParameters, isBridge); FIELD(debugConnectParameters, shared);
        FIELD(debugConnectParameters, board); FIELD(debugConnectParameters, DBG_Sleep); FIELD(debugConnectParameters, speed);
    } else if (strcmp(type, "dfuDeviceInfo") == 0) {
        FIELD(dfuDeviceInfo, usbIndex); FIELD(dfuDeviceInfo, busNumber); FIELD(dfuDeviceInfo, addressNumber);
        FIELD(dfuDeviceInfo, productId); FIELD(dfuDeviceInfo, serialNumber); FIELD(dfuDeviceInfo, dfuVersion);
    } else if (strcmp(type, "dfuConnectParameters") == 0) {
        FIELD(dfuConnectParameters, usb_index); FIELD(dfuConnectParameters, rdu); FIELD(dfuConnectParameters, tzenreg);
#if FAKE_API_VERSION >= 221
        FIELD(dfuConnectParameters, usbTimeout);
#endif
    } else if (strcmp(type, "usartConnectParameters") == 0) {
        FIELD(usartConnectParameters, portName); FIELD(usartConnectParameters, baudrate); FIELD(usartConnectParameters, parity);
        FIELD(usartConnectParameters, dataBits); FIELD(usartConnectParameters, stopBits); FIELD(usartConnectParameters, flowControl);
        FIELD(usartConnectParameters, statusRTS); FIELD(usartConnectParameters, statusDTR);
#if FAKE_API_VERSION >= 219
        FIELD(usartConnectParameters, DelayRtsDtr);
#endif
        FIELD(usartConnectParameters, noinitBits); FIELD(usartConnectParameters, rdu); FIELD(usartConnectParameters, tzenreg);
    } else if (strcmp(type, "spiConnectParameters") == 0) {
        FIELD(spiConnectParameters, baudrate); FIELD(spiConnectParameters, crcPol); FIELD(spiConnectParameters, direction);
        FIELD(spiConnectParameters, cpha); FIELD(spiConnectParameters, cpol); FIELD(spiConnectParameters, crc);
        FIELD(spiConnectParameters, firstBit); FIELD(spiConnectParameters, frameFormat); FIELD(spiConnectParameters, dataSize);
        FIELD(spiConnectParameters, mode); FIELD(spiConnectParameters, nss); FIELD(spiConnectParameters, nssPulse);
        FIELD(spiConnectParameters, delay);
    } else if (strcmp(type, "canConnectParameters") == 0) {
        FIELD(canConnectParameters, br); FIELD(canConnectParameters, mode); FIELD(canConnectParameters, ide);
        FIELD(canConnectParameters, rtr); FIELD(canConnectParameters, fifo); FIELD(canConnectParameters, fm);
        FIELD(canConnectParameters, fs); FIELD(canConnectParameters, fe); FIELD(canConnectParameters, fbn);
    } else if (strcmp(type, "i2cConnectParameters") == 0) {
        FIELD(i2cConnectParameters, add); FIELD(i2cConnectParameters, br); FIELD(i2cConnectParameters, sm);
        FIELD(i2cConnectParameters, am); FIELD(i2cConnectParameters, af); FIELD(i2cConnectParameters, df);
        FIELD(i2cConnectParameters, dnf); FIELD(i2cConnectParameters, rt); FIELD(i2cConnectParameters, ft);
    } else if (strcmp(type, "generalInf") == 0) {
        FIELD(generalInf, deviceId); FIELD(generalInf, flashSize); FIELD(generalInf, bootloaderVersion);
        FIELD(generalInf, type); FIELD(generalInf, cpu); FIELD(generalInf, name); FIELD(generalInf, series);
        FIELD(generalInf, description); FIELD(generalInf, revisionId); FIELD(generalInf, board);
    } else if (strcmp(type, "displayCallBacks") == 0) {
        FIELD(displayCallBacks, initProgressBar); FIELD(displayCallBacks, logMessage); FIELD(displayCallBacks, loadBar);
    }
    return -1;
}
