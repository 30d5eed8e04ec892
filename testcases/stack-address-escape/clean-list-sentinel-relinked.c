/* An intrusive list sorted through a sentinel on the stack: split links the local `tail` into the caller's nodes,
 * merge (a project function given &tail) links them back into the caller's list. */
#include <stddef.h>

struct queue {
    struct queue *prev, *next;
};

static void queue_merge(struct queue *q, struct queue *tail) {
    if (tail->next == tail)
        return;
    q->prev->next = tail->next;
    tail->next->prev = q->prev;
    q->prev = tail->prev;
    q->prev->next = q;
}

void queue_sort_halves(struct queue *q, struct queue *middle) {
    struct queue tail;
    if (q->next == q || middle == q)
        return;
    tail.prev = q->prev;
    tail.prev->next = &tail;
    tail.next = middle;
    q->prev = middle->prev;
    q->prev->next = q;
    middle->prev = &tail;
    queue_merge(q, &tail);
}

void queue_split_forget(struct queue *q, struct queue *middle) {
    struct queue tail;
    if (q->next == q || middle == q)
        return;
    tail.prev = q->prev;
    tail.prev->next = &tail;
    tail.next = middle;
    q->prev = middle->prev;
    q->prev->next = q;
    middle->prev = &tail; // expect: stack-address-escape
}

/*
 * check-name: list sentinel on the stack relinked by a callee
 * check-description: queue_sort_halves links its local sentinel into the caller's nodes and hands &tail to
 *   queue_merge, which relinks the nodes through other aliases: not followed, so not reported (nginx's
 *   ngx_queue_sort). queue_split_forget never gives the sentinel back: middle->prev keeps pointing at the dead
 *   local. (Its store through tail.prev is taken as overwritten by q->prev->next = q: one unknown target, the
 *   same node in a one-element list.)
 */
