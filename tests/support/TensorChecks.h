// Element-wise comparison of computed tensors with reference tensors, torch-free.
#pragma once

#include "core/nn/checkpoint/safetensors.h"

#include <QtTest>
#include <cmath>
#include <cstring>

namespace tensorchecks {

// Any numeric record as doubles (bfloat16/float16 not needed: references are float32/float64/int64).
inline std::vector<double> values(const esm::TensorRecord& t) {
    std::vector<double> out(static_cast<std::size_t>(t.numel()));
    for (std::size_t i = 0; i < out.size(); ++i) {
        switch (t.type) {
        case esm::ElementType::F32: {
            float v;
            std::memcpy(&v, t.data + 4 * i, 4);
            out[i] = v;
            break;
        }
        case esm::ElementType::F64: {
            double v;
            std::memcpy(&v, t.data + 8 * i, 8);
            out[i] = v;
            break;
        }
        case esm::ElementType::I64: {
            std::int64_t v;
            std::memcpy(&v, t.data + 8 * i, 8);
            out[i] = double(v);
            break;
        }
        case esm::ElementType::I32: {
            std::int32_t v;
            std::memcpy(&v, t.data + 4 * i, 4);
            out[i] = v;
            break;
        }
        default:
            qFatal("unsupported element type in comparison");
        }
    }
    return out;
}

struct Difference {
    double maxAbs = 0;
    std::size_t worst = 0;
    bool shapeMatches = true;
};

inline Difference compare(const esm::TensorRecord& actual, const esm::TensorRecord& expected) {
    Difference d;
    d.shapeMatches = actual.shape == expected.shape;
    if (!d.shapeMatches)
        return d;
    const auto a = values(actual), e = values(expected);
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double diff = std::isnan(a[i]) != std::isnan(e[i]) ? INFINITY : std::abs(a[i] - e[i]);
        if (diff > d.maxAbs || std::isnan(diff)) {
            d.maxAbs = std::isnan(diff) ? 0 : diff;
            d.worst = i;
        }
    }
    return d;
}

// Fails the test when shapes differ or any element is off by more than `tolerance`; returns the
// largest difference for reporting.
inline double expectClose(const esm::TensorRecord& actual, const esm::TensorRecord& expected,
                          double tolerance, const QString& what) {
    const Difference d = compare(actual, expected);
    if (!d.shapeMatches) {
        QTest::qFail(qPrintable(QString("%1: shape %2, expected %3")
                                    .arg(what, QString::fromStdString(esm::shapeText(actual.shape)),
                                         QString::fromStdString(esm::shapeText(expected.shape)))),
                     __FILE__, __LINE__);
        return INFINITY;
    }
    if (!(d.maxAbs <= tolerance))
        QTest::qFail(qPrintable(QString("%1: max |difference| %2 at element %3 exceeds %4")
                                    .arg(what)
                                    .arg(d.maxAbs)
                                    .arg(d.worst)
                                    .arg(tolerance)),
                     __FILE__, __LINE__);
    return d.maxAbs;
}

// The sub-tensor at `index` of `axis`, that axis removed (e.g. one sequence of a batch).
inline esm::OwnedTensor selectAxis(const esm::TensorRecord& t, std::size_t axis, std::int64_t index,
                                   std::string name) {
    esm::OwnedTensor out{std::move(name), t.type, t.shape, {}};
    out.shape.erase(out.shape.begin() + static_cast<std::ptrdiff_t>(axis));
    const std::size_t element = esm::elementSize(t.type);
    std::int64_t outer = 1, inner = 1;
    for (std::size_t d = 0; d < axis; ++d)
        outer *= t.shape[d];
    for (std::size_t d = axis + 1; d < t.shape.size(); ++d)
        inner *= t.shape[d];
    const std::size_t block = static_cast<std::size_t>(inner) * element;
    for (std::int64_t o = 0; o < outer; ++o) {
        const std::byte* from =
            t.data + ((o * t.shape[axis] + index) * inner) * static_cast<std::int64_t>(element);
        out.bytes.insert(out.bytes.end(), from, from + block);
    }
    return out;
}

// A reference file's tensors by name.
class Reference {
  public:
    explicit Reference(const std::filesystem::path& path) : file_(esm::readSafetensors(path)) {}
    const esm::TensorRecord& operator[](const std::string& name) const {
        for (const auto& t : file_.tensors)
            if (t.name == name)
                return t;
        qFatal("reference tensor %s missing", name.c_str());
    }
    bool contains(const std::string& name) const {
        for (const auto& t : file_.tensors)
            if (t.name == name)
                return true;
        return false;
    }
    const std::map<std::string, std::string>& metadata() const { return file_.metadata; }
    const std::vector<esm::TensorRecord>& tensors() const { return file_.tensors; }

  private:
    esm::SafetensorsFile file_;
};

} // namespace tensorchecks
