#include "core/nn/checkpoint/safetensors.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace esm {
namespace {

constexpr std::uint64_t kMaxHeaderBytes = 100u << 20; // the format's own limit

[[noreturn]] void fail(const std::string& file, const std::string& message) {
    throw Error(file + ": " + message);
}

std::vector<std::int64_t> readShape(const nlohmann::json& entry, const std::string& file,
                                    const std::string& name) {
    if (!entry.contains("shape") || !entry["shape"].is_array())
        fail(file, "tensor '" + name + "' has no shape");
    std::vector<std::int64_t> shape;
    for (const auto& d : entry["shape"]) {
        // Unsigned in JSON, int64 in tensors: a dimension of 2^63 or more must not turn negative.
        if (!d.is_number_unsigned() ||
            d.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
            fail(file, "tensor '" + name + "' has an invalid shape (dimension " +
                           std::to_string(shape.size()) + " is " + jsonPreview(d) + ")");
        shape.push_back(d.get<std::int64_t>());
    }
    return shape;
}

TensorRecord readEntry(const std::string& name, const nlohmann::json& entry, const std::byte* data,
                       std::uint64_t dataBytes, const std::string& file) {
    if (!entry.is_object())
        fail(file, "header entry '" + name + "' is not an object");
    TensorRecord record;
    record.name = name;
    record.file = file;
    const nlohmann::json dtypeField = entry.contains("dtype") ? entry["dtype"] : nlohmann::json("");
    const std::string dtype =
        dtypeField.is_string() ? dtypeField.get<std::string>() : jsonPreview(dtypeField);
    if (!parseElementType(dtype, record.type))
        fail(file, "tensor '" + name + "' has unsupported dtype '" + dtype.substr(0, 60) + "'");
    record.shape = readShape(entry, file, name);
    const auto& offsets = entry.value("data_offsets", nlohmann::json());
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
        fail(file, "tensor '" + name + "' has invalid data_offsets");
    const auto begin = offsets[0].get<std::uint64_t>(), end = offsets[1].get<std::uint64_t>();
    if (begin > end || end > dataBytes)
        fail(file, "tensor '" + name + "' lies outside the file (bytes " + std::to_string(begin) + "-" +
                       std::to_string(end) + " of " + std::to_string(dataBytes) + "; truncated file?)");
    // numel * size must equal the byte range; compute without overflow for absurd shapes.
    long double expected = static_cast<long double>(elementSize(record.type));
    for (auto d : record.shape)
        expected *= static_cast<long double>(d);
    if (expected != static_cast<long double>(end - begin))
        fail(file, "tensor '" + name + "' has shape " + shapeText(record.shape) + " of " +
                       std::string(elementTypeName(record.type)) + " but " + std::to_string(end - begin) +
                       " bytes of data");
    record.data = data + begin;
    record.bytes = end - begin;
    return record;
}

void checkNoOverlap(std::vector<TensorRecord>& tensors, const std::string& file) {
    std::vector<const TensorRecord*> sorted;
    for (const auto& t : tensors)
        sorted.push_back(&t);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->data < b->data; });
    for (std::size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i - 1]->data + sorted[i - 1]->bytes > sorted[i]->data)
            fail(file, "tensors '" + sorted[i - 1]->name + "' and '" + sorted[i]->name + "' overlap");
}

} // namespace

SafetensorsFile parseSafetensors(std::shared_ptr<const MappedFile> mapping) {
    const std::string file = mapping->path().string();
    if (mapping->size() < 8)
        fail(file, "too short to be a safetensors file (" + std::to_string(mapping->size()) + " bytes)");
    std::uint64_t headerBytes = 0;
    std::memcpy(&headerBytes, mapping->data(), 8); // little-endian on every platform we build for
    if (headerBytes > kMaxHeaderBytes || headerBytes > mapping->size() - 8)
        fail(file, "header length " + std::to_string(headerBytes) + " exceeds the file size " +
                       std::to_string(mapping->size()) + " (not a safetensors file, or truncated)");
    const char* headerText = reinterpret_cast<const char*>(mapping->data() + 8);
    nlohmann::json header;
    try {
        header = parseJsonText(std::string_view(headerText, headerBytes), file + ": header");
    } catch (const Error& e) {
        fail(file,
             "header is not valid JSON (corrupt file?): " + std::string(e.what()).substr(file.size() + 10));
    }
    if (!header.is_object())
        fail(file, "header is not valid JSON (corrupt file?): not an object");

    SafetensorsFile result;
    const std::byte* data = mapping->data() + 8 + headerBytes;
    const std::uint64_t dataBytes = mapping->size() - 8 - headerBytes;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            if (!entry.is_object())
                fail(file, "__metadata__ is not an object");
            for (const auto& [key, value] : entry.items()) {
                if (!value.is_string()) // the format's metadata maps strings to strings
                    fail(file, "__metadata__ value of '" + key.substr(0, 60) + "' is not a string");
                result.metadata[key] = value.get<std::string>();
            }
            continue;
        }
        result.tensors.push_back(readEntry(name, entry, data, dataBytes, file));
    }
    checkNoOverlap(result.tensors, file);
    result.mapping = std::move(mapping);
    return result;
}

SafetensorsFile readSafetensors(const std::filesystem::path& path) {
    return parseSafetensors(MappedFile::open(path));
}

namespace {

// The 8-byte length and the JSON header, padded so the data starts 8-byte aligned.
std::string headerBytes(const std::vector<SafetensorsStreamWriter::Planned>& plan,
                        const std::map<std::string, std::string>& metadata) {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    for (const auto& t : plan) {
        std::uint64_t bytes = elementSize(t.type);
        for (auto d : t.shape)
            bytes *= static_cast<std::uint64_t>(d);
        header[t.name] = {{"dtype", elementTypeName(t.type)},
                          {"shape", t.shape},
                          {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    const std::uint64_t length = text.size();
    return std::string(reinterpret_cast<const char*>(&length), 8) + text;
}

} // namespace

struct SafetensorsStreamWriter::State {
    std::filesystem::path path;
    std::vector<Planned> plan;
    std::size_t next = 0;
    AtomicFileWriter file;
};

SafetensorsStreamWriter::SafetensorsStreamWriter(const std::filesystem::path& path, std::vector<Planned> plan,
                                                 const std::map<std::string, std::string>& metadata)
    : state_(new State{path, std::move(plan), 0, AtomicFileWriter(path)}) {
    const std::string header = headerBytes(state_->plan, metadata);
    state_->file.stream().write(header.data(), static_cast<std::streamsize>(header.size()));
}

SafetensorsStreamWriter::~SafetensorsStreamWriter() = default;

void SafetensorsStreamWriter::write(const TensorRecord& t) {
    if (state_->next >= state_->plan.size())
        throw Error(state_->path.string() + ": tensor '" + t.name + "' was not planned");
    const Planned& p = state_->plan[state_->next++];
    if (p.name != t.name || p.type != t.type || p.shape != t.shape || t.bytes != t.contiguousBytes())
        throw Error(state_->path.string() + ": tensor '" + t.name + "' " + shapeText(t.shape) +
                    " does not match the planned '" + p.name + "' " + shapeText(p.shape));
    state_->file.stream().write(reinterpret_cast<const char*>(t.data), static_cast<std::streamsize>(t.bytes));
}

void SafetensorsStreamWriter::commit() {
    if (state_->next != state_->plan.size())
        throw Error(state_->path.string() + ": only " + std::to_string(state_->next) + " of " +
                    std::to_string(state_->plan.size()) + " tensors were written");
    state_->file.commit();
}

void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorRecord>& unordered,
                      const std::map<std::string, std::string>& metadata) {
    // Larger elements first, so every tensor starts at a multiple of its element size and can be
    // mapped in place when read back.
    std::vector<TensorRecord> tensors = unordered;
    std::stable_sort(tensors.begin(), tensors.end(),
                     [](const auto& a, const auto& b) { return elementSize(a.type) > elementSize(b.type); });
    std::vector<SafetensorsStreamWriter::Planned> plan;
    for (const auto& t : tensors) {
        if (t.bytes != t.contiguousBytes())
            throw Error(path.string() + ": tensor '" + t.name + "' is not contiguous");
        plan.push_back({t.name, t.type, t.shape});
    }
    SafetensorsStreamWriter writer(path, plan, metadata);
    for (const auto& t : tensors)
        writer.write(t);
    writer.commit();
}

void writeSafetensors(const std::filesystem::path& path, const std::vector<OwnedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata) {
    std::vector<TensorRecord> views;
    views.reserve(tensors.size());
    for (const auto& t : tensors)
        views.push_back(recordOf(t));
    writeSafetensors(path, views, metadata);
}

} // namespace esm
