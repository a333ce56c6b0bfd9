#include "core/nn/modules/row_softmax.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace esm::nn {
namespace {

constexpr std::int64_t kWidth = 16;
typedef float Vector __attribute__((vector_size(kWidth * sizeof(float))));
typedef std::int32_t Integers __attribute__((vector_size(kWidth * sizeof(std::int32_t))));

Vector splat(float x) {
    return Vector{} + x;
}

Vector load(const float* p) {
    Vector v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

void store(float* p, Vector v) {
    std::memcpy(p, &v, sizeof v);
}

// e^x lane by lane, as Cephes' expf computes it: x = n ln2 + r with |r| <= ln2 / 2, e^r from a
// degree-6 polynomial, 2^n put into the exponent bits. Below ln(FLT_MIN) the result is 0 (the
// reference gives values under 1e-38 there, nothing a softmax row of sum >= 1 can show).
Vector exponential(Vector x) {
    const Vector lowest = splat(-87.336544f), highest = splat(88.72283f);
    const Integers tiny = x < lowest;
    x = x < lowest ? lowest : x;
    x = x > highest ? highest : x;
    // Rounding to the nearest integer by adding and subtracting 1.5 * 2^23.
    const Vector shifter = splat(12582912.0f);
    const Vector n = (x * 1.44269504088896341f + shifter) - shifter;
    const Vector r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
    Vector p = splat(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const Vector e = p * (r * r) + r + 1.0f;
    const Integers bits = (__builtin_convertvector(n, Integers) + 127) << 23;
    const Vector scaled = e * reinterpret_cast<const Vector&>(bits);
    return tiny ? splat(0.0f) : scaled;
}

float lanesMax(Vector v) {
    float m = v[0];
    for (int i = 1; i < kWidth; ++i)
        m = std::max(m, v[i]);
    return m;
}

float lanesSum(Vector v) {
    float s = 0;
    for (int i = 0; i < kWidth; ++i)
        s += v[i];
    return s;
}

} // namespace

__attribute__((target_clones("avx512f", "avx2", "default"))) void
softmaxRowsInPlace(float* rows, std::int64_t count, std::int64_t width) {
    const std::int64_t whole = width / kWidth * kWidth;
    for (std::int64_t r = 0; r < count; ++r) {
        float* row = rows + r * width;
        Vector highest = splat(-std::numeric_limits<float>::infinity());
        for (std::int64_t j = 0; j < whole; j += kWidth) {
            const Vector v = load(row + j);
            highest = v > highest ? v : highest;
        }
        float top = lanesMax(highest);
        for (std::int64_t j = whole; j < width; ++j)
            top = std::max(top, row[j]);
        Vector sums{};
        for (std::int64_t j = 0; j < whole; j += kWidth) {
            const Vector e = exponential(load(row + j) - top);
            store(row + j, e);
            sums += e;
        }
        float sum = lanesSum(sums);
        for (std::int64_t j = whole; j < width; ++j) {
            Vector lane{};
            lane[0] = row[j] - top;
            row[j] = exponential(lane)[0];
            sum += row[j];
        }
        const float inverse = 1.0f / sum;
        for (std::int64_t j = 0; j < whole; j += kWidth)
            store(row + j, load(row + j) * inverse);
        for (std::int64_t j = whole; j < width; ++j)
            row[j] *= inverse;
    }
}

} // namespace esm::nn
