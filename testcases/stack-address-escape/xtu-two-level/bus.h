#ifndef BUS_H
#define BUS_H

struct listener {
    const char *topic;
    void (*fn)(const char *msg);
    struct listener *next;
};

/* bus.c */
void bus_subscribe(struct listener *l);         /* keeps l (through table_insert) */
int bus_describe(const struct listener *l);     /* only reads l */

/* table.c */
void table_insert(struct listener *l);          /* stores l in a global table */
int table_topic_len(const struct listener *l);  /* only reads l */
void table_publish(const char *topic, const char *msg);

#endif
