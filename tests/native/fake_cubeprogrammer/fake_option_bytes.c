#include "fake_option_bytes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BANKS 2
#define AREAS 2
#define LAST_PAGE 0x7Fu

struct area { unsigned int start, end; };

/* As from the factory: nothing protected (the fake may be loaded by a process that never calls fake_reset). */
static struct area g_areas[BANKS][AREAS] = {
    { { LAST_PAGE, 0 }, { LAST_PAGE, 0 } },
    { { LAST_PAGE, 0 }, { LAST_PAGE, 0 } },
};

void ob_reset(void)
{
    for (int b = 0; b < BANKS; b++)
        for (int a = 0; a < AREAS; a++) g_areas[b][a] = (struct area){ LAST_PAGE, 0 };
}

static int refuse(char *error, size_t capacity, const char *what, const char *token)
{
    snprintf(error, capacity, "Error: %s: %s", what, token);
    return -8;
}

/* WRP<bank><area>_PSTRT or _PEND, upper case: the field it names, or NULL. */
static unsigned int *wrp_field(struct area areas[BANKS][AREAS], const char *name)
{
    unsigned int bank;
    char area, field[8];
    if (sscanf(name, "WRP%1u%c_%7s", &bank, &area, field) != 3) return NULL;
    if (bank < 1 || bank > BANKS || (area != 'A' && area != 'B')) return NULL;
    struct area *a = &areas[bank - 1][area - 'A'];
    return strcmp(field, "PSTRT") == 0 ? &a->start : strcmp(field, "PEND") == 0 ? &a->end : NULL;
}

int ob_apply(const char *command, long *rdp, char *error, size_t capacity)
{
    *rdp = -1;
    long new_rdp = -1;
    while (*command == ' ') command++;
    if (strncmp(command, "-ob", 3) != 0 || (command[3] != ' ' && command[3] != 0))
        return refuse(error, capacity, "the command must be written as -ob [optionbyte=value] ...", command);
    struct area areas[BANKS][AREAS];
    memcpy(areas, g_areas, sizeof areas);
    char copy[1024], *rest = NULL;
    snprintf(copy, sizeof copy, "%s", command + 3);
    for (char *token = strtok_r(copy, " ", &rest); token; token = strtok_r(NULL, " ", &rest)) {
        for (char *c = token; *c && *c != '='; c++) *c = (char)toupper((unsigned char)*c);
        char *equals = strchr(token, '='), *end;
        if (!equals) return refuse(error, capacity, "expected optionbyte=value", token);
        *equals = 0;
        unsigned long value = strtoul(equals + 1, &end, 0);
        if (*end || end == equals + 1) return refuse(error, capacity, "not a number", equals + 1);
        if (strcmp(token, "RDP") == 0) {
            new_rdp = (long)value;
            continue;
        }
        unsigned int *field = wrp_field(areas, token);
        if (!field) return refuse(error, capacity, "unknown option byte", token);
        if (value > LAST_PAGE) return refuse(error, capacity, "value out of range", token);
        *field = (unsigned int)value;
    }
    memcpy(g_areas, areas, sizeof areas);
    *rdp = new_rdp;
    return 0;
}

int ob_write_protected(unsigned int bank, unsigned int page_in_bank)
{
    if (bank >= BANKS) return 0;
    for (int a = 0; a < AREAS; a++)
        if (g_areas[bank][a].start <= page_in_bank && page_in_bank <= g_areas[bank][a].end) return 1;
    return 0;
}

int ob_any_write_protected(void)
{
    for (int b = 0; b < BANKS; b++)
        for (int a = 0; a < AREAS; a++)
            if (g_areas[b][a].start <= g_areas[b][a].end) return 1;
    return 0;
}
