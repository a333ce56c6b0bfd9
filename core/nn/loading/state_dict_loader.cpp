#include "core/nn/loading/state_dict_loader.h"

#include "core/base/error.h"
#include "core/base/mapped_file.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

namespace esm::nn {
namespace {

bool matchesAny(const std::string& name, const std::vector<std::string>& patterns) {
    for (const auto& p : patterns) {
        if (name == p)
            return true;
        if (!p.empty() && p[0] == '.' && name.size() > p.size() &&
            name.compare(name.size() - p.size(), p.size(), p) == 0)
            return true;
    }
    return false;
}

std::vector<std::int64_t> sizesOf(const at::Tensor& t) {
    return t.sizes().vec();
}

std::string listed(const std::vector<std::string>& names, std::size_t shown = 8) {
    std::string text;
    for (std::size_t i = 0; i < std::min(shown, names.size()); ++i)
        text += (i ? ", " : "") + names[i];
    if (names.size() > shown)
        text += ", … (" + std::to_string(names.size() - shown) + " more)";
    return text;
}

// A NaN or infinite weight makes every output NaN without an error; a damaged file is refused here,
// where the tensor can be named. Counted only when present: the check is one pass over the weights.
void requireFiniteWeights(const at::Tensor& t, const TensorRecord& record, const std::string& key) {
    // A sum is finite when every term is (bar overflow, which the exact count below rules out), and
    // one pass of sums is far cheaper than at::isfinite's mask (docs/PERFORMANCE.md). In the tensor's own
    // type, which LibTorch accumulates in float or wider without a converted copy.
    if (!t.is_floating_point() || std::isfinite(t.sum().item<double>()))
        return;
    const std::int64_t bad = t.numel() - at::isfinite(t).sum().item<std::int64_t>();
    if (bad == 0)
        return;
    throw Error(record.file + ": tensor '" + key + "' holds " + std::to_string(bad) +
                " NaN or infinite value" + (bad == 1 ? "" : "s") + " (of " + std::to_string(t.numel()) +
                (isFloatingPoint(record.type) && toScalarType(record.type) != t.scalar_type()
                     ? ", after conversion to " + std::string(c10::toString(t.scalar_type()))
                     : std::string()) +
                "); the checkpoint is damaged");
}

// Parameters that viewed a file's bytes and now hold something else (what LoadOptions::afterLoad made
// of them): those bytes are not read again, so their pages need not stay resident.
void releaseReplacedViews(std::vector<std::pair<at::Tensor, const TensorRecord*>>& views) {
    std::erase_if(views, [](const auto& view) {
        const auto& [parameter, record] = view;
        // Still the module's (a swapped module no longer holds it: only this list does).
        if (parameter.use_count() > 1 && parameter.data_ptr() == static_cast<const void*>(record->data))
            return false;
        releaseResidentPages(record->data, record->bytes);
        return true;
    });
}

} // namespace

at::ScalarType toScalarType(ElementType type) {
    switch (type) {
    case ElementType::F64:
        return at::kDouble;
    case ElementType::F32:
        return at::kFloat;
    case ElementType::F16:
        return at::kHalf;
    case ElementType::BF16:
        return at::kBFloat16;
    case ElementType::I64:
        return at::kLong;
    case ElementType::I32:
        return at::kInt;
    case ElementType::I16:
        return at::kShort;
    case ElementType::I8:
        return at::kChar;
    case ElementType::U8:
        return at::kByte;
    case ElementType::Bool:
        return at::kBool;
    }
    return at::kFloat;
}

ElementType toElementType(at::ScalarType type) {
    switch (type) {
    case at::kDouble:
        return ElementType::F64;
    case at::kFloat:
        return ElementType::F32;
    case at::kHalf:
        return ElementType::F16;
    case at::kBFloat16:
        return ElementType::BF16;
    case at::kLong:
        return ElementType::I64;
    case at::kInt:
        return ElementType::I32;
    case at::kShort:
        return ElementType::I16;
    case at::kChar:
        return ElementType::I8;
    case at::kByte:
        return ElementType::U8;
    case at::kBool:
        return ElementType::Bool;
    default:
        throw Error(std::string("no file element type for ") + c10::toString(type));
    }
}

at::Tensor tensorFromRecord(const TensorRecord& record, at::ScalarType type, at::Device device,
                            bool* copied) {
    const at::ScalarType stored = toScalarType(record.type);
    const auto options = at::TensorOptions().dtype(stored);
    at::Tensor t;
    const std::byte* contents = record.contents();
    const bool aligned = reinterpret_cast<std::uintptr_t>(contents) % elementSize(record.type) == 0;
    bool copy = false;
    if (aligned) {
        auto owner = record.owner;
        auto* data = const_cast<std::byte*>(contents);
        t = record.strides.empty() ? at::from_blob(
                                         data, record.shape, [owner](void*) {}, options)
                                   : at::from_blob(
                                         data, record.shape, record.strides, [owner](void*) {}, options);
    } else {
        // Zip entries and HDF5 datasets need not be aligned: the bytes are copied once.
        const auto extent = elementSpan(record.shape, record.strides);
        if (!extent)
            throw Error(record.file + ": tensor '" + record.name + "' has impossible strides " +
                        shapeText(record.strides));
        at::Tensor raw = at::empty({*extent}, options);
        std::memcpy(raw.data_ptr(), contents, std::size_t(*extent) * elementSize(record.type));
        t = record.strides.empty() ? raw.view(record.shape) : raw.as_strided(record.shape, record.strides);
        copy = true;
    }
    if (!t.is_contiguous()) {
        // Transposed TensorFlow kernels: laid out as PyTorch's own weights, so outputs do not depend
        // on the file format the weights came in.
        t = t.contiguous();
        copy = true;
    }
    if (isFloatingPoint(record.type) && stored != type) {
        t = t.to(type);
        copy = true;
    }
    if (t.device() != device) {
        t = t.to(device);
        copy = true;
    }
    if (copied)
        *copied = copy;
    return t;
}

std::string LoadReport::summary() const {
    std::string text;
    if (!missing.empty())
        text += "missing: " + listed(missing) + "\n";
    if (!wrongShape.empty())
        text += "wrong shape: " + listed(wrongShape, 4) + "\n";
    if (!unexpected.empty())
        text += "unexpected: " + listed(unexpected) + "\n";
    return text;
}

LoadReport loadStateDict(torch::nn::Module& module, const CheckpointFiles& files,
                         const LoadOptions& options) {
    LoadReport report;
    std::vector<std::pair<std::string, at::Tensor>> targets;
    for (const auto& p : module.named_parameters())
        targets.emplace_back(p.key(), p.value());
    for (const auto& b : module.named_buffers())
        targets.emplace_back(b.key(), b.value());

    std::set<std::string> used;
    std::vector<std::pair<at::Tensor, const TensorRecord*>> viewsOfFile; // parameters afterLoad may replace
    const auto total = static_cast<std::int64_t>(targets.size());
    for (std::int64_t i = 0; i < total; ++i) {
        auto& [name, target] = targets[static_cast<std::size_t>(i)];
        if (options.progress) {
            options.progress->checkCancelled();
            options.progress->step(i, total, "loading weights");
        }
        std::string key = options.checkpointName ? options.checkpointName(name) : name;
        const TensorRecord* record = files.find(key);
        if (!record && options.fallbackName) {
            key = options.fallbackName(name);
            record = key.empty() ? nullptr : files.find(key);
        }
        if (!record) {
            (matchesAny(name, options.optional) ? report.filledByDefault : report.missing).push_back(name);
            continue;
        }
        used.insert(key);
        if (record->shape != sizesOf(target)) {
            report.wrongShape.push_back("tensor '" + key + "' in " + record->file + " has shape " +
                                        shapeText(record->shape) + ", expected " +
                                        shapeText(sizesOf(target)));
            continue;
        }
        const at::ScalarType type = !isFloatingPoint(record->type) ? toScalarType(record->type)
                                    : options.parameterType        ? options.parameterType(name)
                                                                   : options.compute.dtype;
        bool copied = false;
        at::Tensor loaded = tensorFromRecord(*record, type, options.compute.device, &copied);
        requireFiniteWeights(loaded, *record, key);
        target.set_data(loaded);
        (copied ? report.converted : report.zeroCopy) += 1;
        if (copied) // the file's pages are not read again: the copy alone stays resident
            releaseResidentPages(record->data, record->bytes);
        else if (options.afterLoad)
            viewsOfFile.emplace_back(target, record);
        // Held no longer than the module holds it: afterLoad may swap the module for another type.
        target = at::Tensor();
        if (options.afterLoad) {
            options.afterLoad(name);
            releaseReplacedViews(viewsOfFile);
        }
    }
    for (const auto& name : files.names())
        if (!used.count(name) && !matchesAny(name, options.acceptedExtras))
            report.unexpected.push_back(name);

    if (options.strict && (!report.missing.empty() || !report.wrongShape.empty())) {
        const std::string where =
            files.files().empty() ? std::string("checkpoint") : files.files().front().string();
        if (!report.wrongShape.empty())
            throw Error(report.wrongShape.front() +
                        (report.wrongShape.size() > 1
                             ? " (and " + std::to_string(report.wrongShape.size() - 1) + " more wrong shapes)"
                             : std::string()));
        throw Error(where + ": " + std::to_string(report.missing.size()) +
                    " tensor(s) the model needs are missing: " + listed(report.missing) +
                    " (a checkpoint of another architecture, or an incomplete download?)");
    }
    return report;
}

} // namespace esm::nn
