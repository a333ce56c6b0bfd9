#include "core/nn/checkpoint/torch_archive.h"

#include "core/base/error.h"
#include "core/nn/checkpoint/state_dict_pickle.h"
#include "core/nn/checkpoint/zip_archive.h"

#include <map>

namespace esm {
namespace {

bool isContiguous(const std::vector<std::int64_t>& shape, const std::vector<std::int64_t>& strides) {
    std::int64_t expected = 1;
    for (std::size_t i = shape.size(); i-- > 0;) {
        if (shape[i] != 1 && strides[i] != expected)
            return false;
        expected *= shape[i];
    }
    return true;
}

} // namespace

TorchArchive readTorchArchive(const std::filesystem::path& path) {
    TorchArchive archive{MappedFile::open(path), {}};
    const std::string file = path.string();
    const auto entries = readZipDirectory(archive.mapping->bytes(), file);

    // The folder inside the archive varies ("archive/", "pytorch_model/"): find data.pkl.
    std::string prefix;
    const ZipEntry* pickle = nullptr;
    std::map<std::string, const ZipEntry*> byName;
    for (const auto& e : entries) {
        byName[e.name] = &e;
        const auto slash = e.name.rfind('/');
        if (e.name.substr(slash == std::string::npos ? 0 : slash + 1) == "data.pkl" && !pickle) {
            pickle = &e;
            prefix = slash == std::string::npos ? "" : e.name.substr(0, slash + 1);
        }
    }
    if (!pickle)
        throw Error(file + ": no data.pkl in the archive (not a PyTorch checkpoint?)");

    for (const PickledTensor& t : readStateDictPickle(pickle->data, file)) {
        const auto it = byName.find(prefix + "data/" + t.storageKey);
        if (it == byName.end())
            throw Error(file + ": tensor '" + t.name + "' refers to a missing storage record data/" +
                        t.storageKey);
        for (auto d : t.shape)
            if (d < 0)
                throw Error(file + ": tensor '" + t.name + "' has a negative size " + shapeText(t.shape));
        if (t.strides.size() != t.shape.size())
            throw Error(file + ": tensor '" + t.name + "' has " + std::to_string(t.strides.size()) +
                        " strides for " + std::to_string(t.shape.size()) + " dimensions");
        const std::size_t size = elementSize(t.type);
        const auto recordElements = static_cast<std::int64_t>(it->second->data.size() / size);
        const auto span = elementSpan(t.shape, t.strides);
        std::int64_t end = 0;
        if (!span)
            throw Error(file + ": tensor '" + t.name + "' has impossible strides " + shapeText(t.strides) +
                        " for shape " + shapeText(t.shape));
        if (t.storageOffset < 0 || __builtin_add_overflow(t.storageOffset, *span, &end) ||
            end > recordElements)
            throw Error(file + ": tensor '" + t.name + "' of shape " + shapeText(t.shape) +
                        " reaches past its storage record (" + std::to_string(recordElements) +
                        " elements; truncated file?)");
        TensorRecord record;
        record.name = t.name;
        record.type = t.type;
        record.shape = t.shape;
        if (!isContiguous(t.shape, t.strides))
            record.strides = t.strides;
        record.data = it->second->data.data() + t.storageOffset * size;
        record.bytes = it->second->data.size() - t.storageOffset * size;
        record.file = file;
        archive.tensors.push_back(std::move(record));
    }
    return archive;
}

} // namespace esm
