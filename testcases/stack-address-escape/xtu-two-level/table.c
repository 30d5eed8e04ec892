#include <string.h>

#include "bus.h"

static struct listener *g_table[16];
static int g_count;

void table_insert(struct listener *l) {
    if (g_count < 16)
        g_table[g_count++] = l;
}

int table_topic_len(const struct listener *l) {
    return (int)strlen(l->topic);
}

void table_publish(const char *topic, const char *msg) {
    for (int i = 0; i < g_count; i++)
        if (strcmp(g_table[i]->topic, topic) == 0)
            g_table[i]->fn(msg);
}
