/* The per-layer counters by index (accel.h, counters.def): the RTL's counter
 * registers, the co-simulation and the reports walk them in this order. */
#include <stddef.h>

#include "accel.h"

static const struct {
    const char *name;
    size_t offset;
} kCounters[] = {
#define ACCEL_COUNTER(name, help) {#name, offsetof(accel_layer_counters, name)},
#include "counters.def"
#undef ACCEL_COUNTER
};

_Static_assert(sizeof kCounters / sizeof kCounters[0] == ACCEL_COUNTER_COUNT,
               "one entry per counter");
_Static_assert(sizeof(accel_layer_counters) == ACCEL_COUNTER_COUNT * sizeof(uint64_t),
               "the counters are the struct's only members");

const char *accel_counter_name(int i)
{
    return i >= 0 && i < ACCEL_COUNTER_COUNT ? kCounters[i].name : NULL;
}

uint64_t accel_counter_get(const accel_layer_counters *c, int i)
{
    return *(const uint64_t *)((const char *)c + kCounters[i].offset);
}

void accel_counter_set(accel_layer_counters *c, int i, uint64_t v)
{
    *(uint64_t *)((char *)c + kCounters[i].offset) = v;
}

void accel_layer_counters_add(accel_layer_counters *a, const accel_layer_counters *b)
{
    for (int i = 0; i < ACCEL_COUNTER_COUNT; i++) {
        accel_counter_set(a, i, accel_counter_get(a, i) + accel_counter_get(b, i));
    }
}

void accel_counters_add(accel_counters *a, const accel_counters *b)
{
    for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
        accel_layer_counters_add(&a->layer[l], &b->layer[l]);
    }
    a->cycles += b->cycles;
}
