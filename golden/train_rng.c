/* Random numbers of training, all derived from the seed:
 * - splitmix64 (Steele, Lea, Flood 2014) as the mixing function and to seed
 * - xoshiro256** 1.0 (Blackman, Vigna 2018) streams for the initial weights
 *   and each epoch's shuffle (Fisher-Yates, Lemire's unbiased bounded draw)
 * - dropout masks from a counter-based hash of (seed, epoch, layer, image
 *   position in the epoch, element): any image can be processed on any
 *   thread and the masks stay the same, and the RNG state to checkpoint is
 *   just the seed and the epoch. */
#include "train_internal.h"

#define GOLDEN_GAMMA 0x9e3779b97f4a7c15ull

uint64_t train_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void train_rng_seed(train_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = train_mix64(seed) ^ train_mix64(stream + GOLDEN_GAMMA);
    for (int i = 0; i < 4; i++) {
        x += GOLDEN_GAMMA;
        r->s[i] = train_mix64(x);
    }
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t train_rng_next(train_rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t train_rng_below(train_rng *r, uint64_t bound)
{
    /* Lemire (2019): a 64x64 -> 128-bit product, rejecting the biased low part */
    unsigned __int128 m = (unsigned __int128)train_rng_next(r) * bound;
    uint64_t low = (uint64_t)m;
    if (low < bound) {
        const uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            m = (unsigned __int128)train_rng_next(r) * bound;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

enum { STREAM_SHUFFLE = 0x73687566, STREAM_DROPOUT = 0x64726f70 };

void train_shuffle(uint64_t seed, int epoch, uint32_t *order, size_t n)
{
    train_rng r;
    train_rng_seed(&r, seed, ((uint64_t)STREAM_SHUFFLE << 32) | (uint32_t)epoch);
    for (size_t i = 0; i < n; i++) {
        order[i] = (uint32_t)i;
    }
    for (size_t i = n; i > 1; i--) {
        const size_t j = (size_t)train_rng_below(&r, i);
        const uint32_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
}

void train_dropout_mask(uint64_t seed, int epoch, int layer, uint64_t position, float p,
                        uint8_t *mask, size_t n)
{
    /* keep when a 32-bit uniform is below (1-p) * 2^32 */
    const uint64_t keep_below = (uint64_t)((1.0 - (double)p) * 4294967296.0);
    uint64_t key = train_mix64(seed ^ ((uint64_t)STREAM_DROPOUT << 32));
    key = train_mix64(key ^ ((uint64_t)(uint32_t)epoch << 8 | (uint64_t)(layer & 0xff)));
    key = train_mix64(key ^ position);
    for (size_t i = 0; i < n; i += 2) {
        const uint64_t h = train_mix64(key + (i / 2 + 1) * GOLDEN_GAMMA);
        mask[i] = (h & 0xffffffffu) < keep_below;
        if (i + 1 < n) {
            mask[i + 1] = (h >> 32) < keep_below;
        }
    }
}
