#include "core/nn/checkpoint/keras_h5.h"

#include "core/base/error.h"
#include "core/base/mapped_file.h"
#include "core/nn/checkpoint/tf_weight_names.h"

#include <hdf5.h>

#include <map>
#include <mutex>

namespace esm {
namespace fs = std::filesystem;
namespace {

// Debian's libhdf5 is built without thread safety; every call goes through this lock.
std::mutex& hdf5Lock() {
    static std::mutex lock;
    return lock;
}

// An HDF5 identifier closed on scope exit.
class Handle {
  public:
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Handle() {
        if (id_ >= 0)
            close_(id_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

  private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

// What a record's bytes live in: the mapped file and any datasets read into memory.
struct Storage {
    std::shared_ptr<const MappedFile> mapping;
    std::vector<std::vector<std::byte>> buffers;
};

class Reader {
  public:
    explicit Reader(const fs::path& path) : path_(path), file_(open(path), H5Fclose) {}

    // Keras's load_attributes_from_hdf5_group: `name`, or `name0`, `name1`, ... when Keras split a
    // long list over several attributes.
    std::vector<std::string> stringList(hid_t object, const std::string& name,
                                        const std::string& where) const {
        if (H5Aexists(object, name.c_str()) > 0)
            return readStrings(object, name, where);
        std::vector<std::string> all;
        for (int chunk = 0; H5Aexists(object, (name + std::to_string(chunk)).c_str()) > 0; ++chunk) {
            auto part = readStrings(object, name + std::to_string(chunk), where);
            all.insert(all.end(), part.begin(), part.end());
        }
        return all;
    }

    hid_t root() const { return file_.get(); }

    TensorRecord dataset(hid_t parent, const std::string& datasetName, const std::string& variableName,
                         Storage& storage) const {
        if (H5Lexists(parent, datasetName.c_str(), H5P_DEFAULT) <= 0)
            throw Error(path_.string() + ": the variable '" + datasetName + "' named in the file is missing");
        const Handle set(H5Dopen2(parent, datasetName.c_str(), H5P_DEFAULT), H5Dclose);
        if (!set.valid())
            throw Error(path_.string() + ": '" + datasetName + "' is not a dataset");
        TensorRecord record;
        record.file = path_.string();
        record.type = elementTypeOf(set.get(), datasetName);
        const std::vector<std::int64_t> tfShape = shapeOf(set.get(), datasetName);
        const auto converted = pytorchWeightName(variableName, tfShape.size());
        record.name = converted.name;
        const auto count = elementSpan(tfShape, {});
        std::size_t bytes = 0;
        if (!count || __builtin_mul_overflow(std::size_t(*count), elementSize(record.type), &bytes))
            throw Error(path_.string() + ": variable '" + datasetName + "' has an impossible shape " +
                        shapeText(tfShape));
        record.data = inPlace(set.get(), bytes, storage);
        if (!record.data)
            record.data = readIntoMemory(set.get(), bytes, datasetName, storage);
        record.bytes = bytes;
        arrange(record, tfShape, converted.axes);
        return record;
    }

  private:
    static hid_t open(const fs::path& path) {
        if (!fs::exists(path))
            throw Error(path.string() + ": no such file");
        if (H5Fis_hdf5(path.c_str()) <= 0)
            throw Error(path.string() + ": not an HDF5 file (truncated, or not TensorFlow weights)");
        const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (file < 0)
            throw Error(path.string() + ": the HDF5 file cannot be opened (truncated or corrupt?)");
        return file;
    }

    std::vector<std::string> readStrings(hid_t object, const std::string& name,
                                         const std::string& where) const {
        const Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
        const Handle type(H5Aget_type(attribute.get()), H5Tclose);
        const Handle space(H5Aget_space(attribute.get()), H5Sclose);
        if (H5Tget_class(type.get()) != H5T_STRING || H5Sget_simple_extent_ndims(space.get()) > 1)
            throw Error(path_.string() + ": attribute '" + name + "' of " + where +
                        " is not a list of strings");
        const auto count = std::size_t(std::max<hssize_t>(0, H5Sget_simple_extent_npoints(space.get())));
        std::vector<std::string> values;
        if (H5Tis_variable_str(type.get()) > 0) {
            std::vector<char*> pointers(count, nullptr);
            const Handle memoryType(H5Tcopy(H5T_C_S1), H5Tclose);
            H5Tset_size(memoryType.get(), H5T_VARIABLE);
            if (count && H5Aread(attribute.get(), memoryType.get(), pointers.data()) < 0)
                throw Error(path_.string() + ": attribute '" + name + "' of " + where + " cannot be read");
            for (char* p : pointers)
                values.emplace_back(p ? p : "");
            H5Dvlen_reclaim(memoryType.get(), space.get(), H5P_DEFAULT, pointers.data());
            return values;
        }
        const std::size_t width = H5Tget_size(type.get());
        std::vector<char> text(count * width + 1, '\0');
        if (count && H5Aread(attribute.get(), type.get(), text.data()) < 0)
            throw Error(path_.string() + ": attribute '" + name + "' of " + where + " cannot be read");
        for (std::size_t i = 0; i < count; ++i) {
            const char* begin = text.data() + i * width;
            std::size_t length = 0;
            while (length < width && begin[length] != '\0')
                ++length;
            values.emplace_back(begin, length);
        }
        return values;
    }

    ElementType elementTypeOf(hid_t set, const std::string& name) const {
        const Handle type(H5Dget_type(set), H5Tclose);
        const H5T_class_t typeClass = H5Tget_class(type.get());
        const std::size_t size = H5Tget_size(type.get());
        if (H5Tget_order(type.get()) != H5T_ORDER_LE && size > 1)
            throw Error(path_.string() + ": variable '" + name + "' is stored big-endian");
        if (typeClass == H5T_FLOAT && size == 4)
            return ElementType::F32;
        if (typeClass == H5T_FLOAT && size == 8)
            return ElementType::F64;
        if (typeClass == H5T_FLOAT && size == 2)
            return ElementType::F16;
        if (typeClass == H5T_INTEGER && H5Tget_sign(type.get()) == H5T_SGN_2) {
            if (size == 8)
                return ElementType::I64;
            if (size == 4)
                return ElementType::I32;
            if (size == 2)
                return ElementType::I16;
            if (size == 1)
                return ElementType::I8;
        }
        if (typeClass == H5T_INTEGER && size == 1)
            return ElementType::U8;
        throw Error(path_.string() + ": variable '" + name +
                    "' has an element type ESM Explorer does not read");
    }

    std::vector<std::int64_t> shapeOf(hid_t set, const std::string& name) const {
        const Handle space(H5Dget_space(set), H5Sclose);
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank < 0 || rank > 8)
            throw Error(path_.string() + ": variable '" + name + "' has an unreadable shape");
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
        H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
        std::vector<std::int64_t> shape;
        for (hsize_t d : dims) {
            if (d > hsize_t(1) << 40)
                throw Error(path_.string() + ": variable '" + name + "' has an implausible dimension " +
                            std::to_string(d));
            shape.push_back(std::int64_t(d));
        }
        return shape;
    }

    // The dataset's bytes inside the mapped file, when it is stored contiguously and unfiltered.
    const std::byte* inPlace(hid_t set, std::size_t bytes, Storage& storage) const {
        const Handle plist(H5Dget_create_plist(set), H5Pclose);
        if (H5Pget_layout(plist.get()) != H5D_CONTIGUOUS || H5Pget_nfilters(plist.get()) != 0)
            return nullptr;
        const haddr_t offset = H5Dget_offset(set);
        if (offset == HADDR_UNDEF || H5Dget_storage_size(set) != bytes)
            return nullptr;
        if (!storage.mapping)
            storage.mapping = MappedFile::open(path_);
        if (offset > storage.mapping->size() || bytes > storage.mapping->size() - offset)
            throw Error(path_.string() + ": a variable's data lies past the end of the file (truncated?)");
        return storage.mapping->data() + offset;
    }

    const std::byte* readIntoMemory(hid_t set, std::size_t bytes, const std::string& name,
                                    Storage& storage) const {
        auto& buffer = storage.buffers.emplace_back(bytes);
        const Handle fileType(H5Dget_type(set), H5Tclose);
        const Handle memoryType(H5Tget_native_type(fileType.get(), H5T_DIR_ASCEND), H5Tclose);
        if (bytes && H5Dread(set, memoryType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0)
            throw Error(path_.string() + ": variable '" + name + "' cannot be read (truncated or corrupt?)");
        return buffer.data();
    }

    // PyTorch's shape and strides over TensorFlow's contiguous layout.
    static void arrange(TensorRecord& record, const std::vector<std::int64_t>& tfShape,
                        const std::vector<int>& axes) {
        if (axes.empty()) {
            record.shape = tfShape;
            return;
        }
        std::vector<std::int64_t> contiguous(tfShape.size(), 1);
        for (std::size_t i = tfShape.size(); i-- > 1;)
            contiguous[i - 1] = contiguous[i] * tfShape[i];
        for (int axis : axes) {
            record.shape.push_back(tfShape[std::size_t(axis)]);
            record.strides.push_back(contiguous[std::size_t(axis)]);
        }
    }

    fs::path path_;
    Handle file_;
};

// Every variable of the whole-model layout: layer groups, each listing its variables by full name.
void readModelLayout(const Reader& reader, const std::vector<std::string>& layers, const fs::path& path,
                     std::vector<TensorRecord>& tensors, Storage& storage) {
    for (const auto& layer : layers) {
        if (H5Lexists(reader.root(), layer.c_str(), H5P_DEFAULT) <= 0)
            throw Error(path.string() + ": layer '" + layer + "' is listed but has no group");
        const Handle group(H5Gopen2(reader.root(), layer.c_str(), H5P_DEFAULT), H5Gclose);
        if (!group.valid())
            throw Error(path.string() + ": layer '" + layer + "' is not a group");
        for (const auto& weight : reader.stringList(group.get(), "weight_names", "layer '" + layer + "'"))
            tensors.push_back(reader.dataset(group.get(), weight, weight, storage));
    }
}

} // namespace

KerasWeights readKerasH5(const fs::path& path) {
    const std::lock_guard<std::mutex> guard(hdf5Lock());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // errors become exceptions with file names, not stderr dumps
    const Reader reader(path);
    auto storage = std::make_shared<Storage>();
    KerasWeights weights;
    const auto names = reader.stringList(reader.root(), "layer_names", "the file");
    if (names.empty())
        throw Error(path.string() + ": no layer_names attribute (not a Keras/TensorFlow weights file)");
    // A shard lists variables ("esm/encoder/.../kernel:0"), a whole model lists layers ("esm").
    const bool shard =
        names.front().find(":0") != std::string::npos || names.front().find('/') != std::string::npos;
    if (shard) {
        for (const auto& name : names)
            weights.tensors.push_back(reader.dataset(reader.root(), name, "model/" + name, *storage));
    } else {
        readModelLayout(reader, names, path, weights.tensors, *storage);
    }
    // A tied variable is saved under every layer that holds it (TFEsmForMaskedLM's decoder is the word
    // embeddings): one copy is kept. Different variables under one name are an error.
    std::map<std::string, const TensorRecord*> seen;
    for (auto& t : weights.tensors) {
        const auto [it, inserted] = seen.emplace(t.name, &t);
        if (inserted)
            continue;
        if (it->second->shape != t.shape || it->second->type != t.type)
            throw Error(path.string() + ": two different variables map to the PyTorch name '" + t.name + "'");
        t.name.clear(); // a repeat of the same variable
    }
    std::erase_if(weights.tensors, [](const TensorRecord& t) { return t.name.empty(); });
    weights.owner = storage;
    return weights;
}

} // namespace esm
