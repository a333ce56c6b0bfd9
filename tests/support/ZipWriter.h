// Writes small uncompressed zip archives and protocol-2 pickles, to build PyTorch-style
// checkpoints (and broken ones) inside tests.
#pragma once

#include "core/nn/checkpoint/tensor_record.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace zipwriter {

inline void put16(std::string& out, std::uint16_t v) {
    out.append(reinterpret_cast<const char*>(&v), 2);
}
inline void put32(std::string& out, std::uint32_t v) {
    out.append(reinterpret_cast<const char*>(&v), 4);
}

// Stored (method 0) entries, no CRC check needed by our reader (CRC left 0).
inline std::string zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string out, directory;
    for (const auto& [name, data] : entries) {
        const auto offset = static_cast<std::uint32_t>(out.size());
        put32(out, 0x04034b50);
        put16(out, 20);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, 0);
        put32(out, std::uint32_t(data.size()));
        put32(out, std::uint32_t(data.size()));
        put16(out, std::uint16_t(name.size()));
        put16(out, 0);
        out += name;
        out += data;
        put32(directory, 0x02014b50);
        put16(directory, 20);
        put16(directory, 20);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, std::uint32_t(data.size()));
        put32(directory, std::uint32_t(data.size()));
        put16(directory, std::uint16_t(name.size()));
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, offset);
        directory += name;
    }
    const auto directoryOffset = static_cast<std::uint32_t>(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, std::uint16_t(entries.size()));
    put16(out, std::uint16_t(entries.size()));
    put32(out, std::uint32_t(directory.size()));
    put32(out, directoryOffset);
    put16(out, 0);
    return out;
}

// A pickle of OrderedDict{name: _rebuild_tensor_v2(storage, offset, shape, stride, False, OrderedDict())}
// for float32 tensors, as torch.save writes it; storage keys "0", "1", ...
struct PickledFloat {
    std::string name;
    std::vector<std::uint32_t> shape;
    std::uint32_t storageElements;
    std::int64_t offset = 0;             // storage offset, in elements
    std::vector<std::int64_t> strides{}; // empty: contiguous
};

// LONG1 with 8 bytes: any int64, as pickle writes large integers.
inline void putLong(std::string& out, std::int64_t v) {
    out += "\x8a\x08";
    out.append(reinterpret_cast<const char*>(&v), 8);
}

inline std::string pickleStateDict(const std::vector<PickledFloat>& tensors) {
    std::string p = "\x80\x02";
    p += "ccollections\nOrderedDict\n)R("; // OrderedDict(), then MARK for SETITEMS
    int key = 0;
    for (const auto& t : tensors) {
        p += 'X';
        put32(p, std::uint32_t(t.name.size()));
        p += t.name;
        p += "ctorch._utils\n_rebuild_tensor_v2\n(";
        p += "(X";
        put32(p, 7);
        p += "storagectorch\nFloatStorage\nX";
        const std::string k = std::to_string(key++);
        put32(p, std::uint32_t(k.size()));
        p += k;
        p += "X";
        put32(p, 3);
        p += "cpuJ";
        put32(p, t.storageElements);
        p += "tQ"; // tuple, BINPERSID
        putLong(p, t.offset);
        p += '(';
        for (auto d : t.shape) {
            p += 'J';
            put32(p, d);
        }
        p += 't';
        p += '(';
        std::uint32_t stride = 1;
        std::vector<std::uint32_t> strides(t.shape.size());
        for (std::size_t i = t.shape.size(); i-- > 0;) {
            strides[i] = stride;
            stride *= t.shape[i];
        }
        for (std::size_t i = 0; i < strides.size(); ++i)
            if (t.strides.empty())
                putLong(p, strides[i]);
            else
                putLong(p, t.strides[i]);
        p += 't';
        p += "\x89"; // False
        p += "ccollections\nOrderedDict\n)R";
        p += "tR"; // args tuple, REDUCE
    }
    p += "u."; // SETITEMS, STOP
    return p;
}

// A pytorch_model.bin as save_pretrained writes it (entries under "pytorch_model/"), holding these
// float32 records.
inline std::string torchArchive(const std::vector<const esm::TensorRecord*>& tensors) {
    std::vector<PickledFloat> pickled;
    std::vector<std::pair<std::string, std::string>> entries;
    for (const esm::TensorRecord* t : tensors) {
        entries.emplace_back("pytorch_model/data/" + std::to_string(pickled.size()),
                             std::string(reinterpret_cast<const char*>(t->data), t->bytes));
        pickled.push_back({t->name, std::vector<std::uint32_t>(t->shape.begin(), t->shape.end()),
                           std::uint32_t(t->numel())});
    }
    entries.insert(entries.begin(), {"pytorch_model/data.pkl", pickleStateDict(pickled)});
    return zip(entries);
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

} // namespace zipwriter
