/* The bfloat16 PE's aligned block sum with AVX-512 (F, BW): 32 codes per
 * register, 16-bit products, 64-bit variable shifts. Same terms and sum as
 * the portable loop in pe_bf16.c; chosen at run time (pe_bf16.c). */
#include <immintrin.h>

#include "pe_bf16_internal.h"

__attribute__((target("avx512f,avx512bw"))) bool
pe_bf16_aligned_sum_avx512(const uint16_t *a_codes, const uint16_t *w_codes, int guard,
                           int64_t *sum, int *xmax_out)
{
    const __m512i a = _mm512_loadu_si512(a_codes);
    const __m512i w = _mm512_loadu_si512(w_codes);
    const __m512i ff = _mm512_set1_epi16(0xff);
    const __m512i one = _mm512_set1_epi16(1);
    const __m512i ea = _mm512_and_si512(_mm512_srli_epi16(a, 7), ff);
    const __m512i ew = _mm512_and_si512(_mm512_srli_epi16(w, 7), ff);
    if (_mm512_cmpeq_epi16_mask(ea, ff) | _mm512_cmpeq_epi16_mask(ew, ff)) {
        return false; /* Inf or NaN codes: the caller's special path */
    }
    /* significands with the hidden bit (exponent field non-zero) */
    const __m512i t7 = _mm512_set1_epi16(0x7f), h = _mm512_set1_epi16(0x80);
    const __m512i ma_h = _mm512_mask_blend_epi16(_mm512_test_epi16_mask(ea, ea),
                                                 _mm512_and_si512(a, t7),
                                                 _mm512_or_si512(_mm512_and_si512(a, t7), h));
    const __m512i mw_h = _mm512_mask_blend_epi16(_mm512_test_epi16_mask(ew, ew),
                                                 _mm512_and_si512(w, t7),
                                                 _mm512_or_si512(_mm512_and_si512(w, t7), h));
    const __m512i p = _mm512_mullo_epi16(ma_h, mw_h); /* < 2^16: exact in 16 bits */
    const __m512i x = _mm512_add_epi16(_mm512_max_epu16(ea, one), _mm512_max_epu16(ew, one));
    /* X = max x over non-zero products (0 when all are zero) */
    const __mmask32 nz = _mm512_test_epi16_mask(p, p);
    const __m512i xm = _mm512_maskz_mov_epi16(nz, x);
    __m256i m256 = _mm256_max_epu16(_mm512_castsi512_si256(xm), _mm512_extracti64x4_epi64(xm, 1));
    __m128i m128 = _mm_max_epu16(_mm256_castsi256_si128(m256), _mm256_extracti128_si256(m256, 1));
    m128 = _mm_max_epu16(m128, _mm_srli_si128(m128, 8));
    m128 = _mm_max_epu16(m128, _mm_srli_si128(m128, 4));
    m128 = _mm_max_epu16(m128, _mm_srli_si128(m128, 2));
    const int xmax = _mm_extract_epi16(m128, 0);
    /* d = X - x (zero products have p = 0, whatever d); 64-bit terms */
    const __m512i d = _mm512_sub_epi16(_mm512_set1_epi16((short)xmax), x);
    const __mmask32 neg = _mm512_test_epi16_mask(_mm512_xor_si512(a, w), _mm512_set1_epi16((short)0x8000));
    const __m128i g = _mm_cvtsi32_si128(guard);
    __m512i acc = _mm512_setzero_si512();
    for (int q = 0; q < 4; q++) {
        __m128i p8, d8;
        switch (q) { /* the lane index must be a constant */
        case 0: p8 = _mm512_extracti32x4_epi32(p, 0); d8 = _mm512_extracti32x4_epi32(d, 0); break;
        case 1: p8 = _mm512_extracti32x4_epi32(p, 1); d8 = _mm512_extracti32x4_epi32(d, 1); break;
        case 2: p8 = _mm512_extracti32x4_epi32(p, 2); d8 = _mm512_extracti32x4_epi32(d, 2); break;
        default: p8 = _mm512_extracti32x4_epi32(p, 3); d8 = _mm512_extracti32x4_epi32(d, 3); break;
        }
        const __m512i v = _mm512_sll_epi64(_mm512_cvtepu16_epi64(p8), g);
        /* vpsrlvq gives 0 for shifts >= 64, as the rule needs */
        const __m512i t = _mm512_srlv_epi64(v, _mm512_cvtepu16_epi64(d8));
        const __mmask8 n8 = (__mmask8)(neg >> (8 * q));
        acc = _mm512_mask_sub_epi64(_mm512_add_epi64(acc, t), n8, acc, t);
    }
    *sum = _mm512_reduce_add_epi64(acc);
    *xmax_out = xmax;
    return true;
}
