#include "core/nn/checkpoint/keras_h5.h"

#include "core/base/error.h"
#include "core/base/mapped_file.h"
#include "core/nn/checkpoint/tf_weight_names.h"

#include <hdf5.h>

#include <map>
#include <mutex>
#include <string_view>
#include <unordered_set>

namespace esm {
namespace fs = std::filesystem;
namespace {

// Debian's libhdf5 is built without thread safety; every call goes through this lock.
std::mutex& hdf5Lock() {
    static std::mutex lock;
    return lock;
}

// A Keras file is a handful of layers of a few hundred variables; esm2_t48_15B has under 800.
constexpr std::size_t kMostVariables = 100'000;
// Deflate, the one compression Keras can write, expands at most 1032-fold: a dataset declaring more
// than this many bytes per stored byte is not real data.
constexpr std::uint64_t kMostExpansion = 1100;

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

// What a record's bytes live in: the mapped file, and the open file for the compressed datasets
// read when first used (each once, by its path in the file).
struct Storage {
    fs::path path;
    hid_t file = -1;
    std::shared_ptr<const MappedFile> mapping;
    std::map<std::string, std::vector<std::byte>> buffers;

    ~Storage() {
        const std::lock_guard<std::mutex> guard(hdf5Lock());
        if (file >= 0)
            H5Fclose(file);
    }

    const std::byte* read(const std::string& dataset, std::size_t bytes) {
        const std::lock_guard<std::mutex> guard(hdf5Lock());
        const auto [it, added] = buffers.try_emplace(dataset);
        if (!added)
            return it->second.data();
        it->second.resize(bytes);
        const Handle set(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose);
        // The file's own type: the element type was checked to be exactly one ESM Explorer reads,
        // so HDF5 converts nothing and writes exactly `bytes`.
        const Handle type(H5Dget_type(set.get()), H5Tclose);
        if (!set.valid() || !type.valid() ||
            (bytes && H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, it->second.data()) < 0)) {
            buffers.erase(it);
            throw Error(path.string() + ": variable '" + dataset +
                        "' cannot be read (truncated, corrupt, or "
                        "compressed with a filter HDF5 does not have built in)");
        }
        return it->second.data();
    }
};

// The IEEE layout of a `size`-byte float, as numpy and h5py write float16, float32 and float64.
bool isIeeeFloat(hid_t type, std::size_t size) {
    std::size_t sign = 0, exponentPos = 0, exponentBits = 0, mantissaPos = 0, mantissaBits = 0;
    if (H5Tget_fields(type, &sign, &exponentPos, &exponentBits, &mantissaPos, &mantissaBits) < 0)
        return false;
    const std::size_t bits = 8 * size;
    const std::size_t exponent = size == 2 ? 5 : size == 4 ? 8 : 11;
    return H5Tget_offset(type) == 0 && H5Tget_precision(type) == bits && sign == bits - 1 &&
           exponentBits == exponent && exponentPos == bits - 1 - exponent && mantissaPos == 0 &&
           mantissaBits == bits - 1 - exponent &&
           H5Tget_ebias(type) == (std::size_t(1) << (exponent - 1)) - 1 &&
           H5Tget_norm(type) == H5T_NORM_IMPLIED;
}

class Reader {
  public:
    Reader(const fs::path& path, std::shared_ptr<Storage> storage)
        : path_(path), storage_(std::move(storage)) {
        storage_->path = path;
        storage_->file = open(path);
    }

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
            if (all.size() > kMostVariables)
                break;
        }
        return all;
    }

    hid_t root() const { return storage_->file; }

    // `name` under `parent` through hard links only: a soft or external link can lead out of the
    // file, and Keras writes neither.
    void requireOwnObject(hid_t parent, const std::string& name, const char* what) const {
        std::string prefix;
        for (std::size_t begin = 0; begin <= name.size();) {
            const std::size_t end = std::min(name.find('/', begin), name.size());
            prefix += name.substr(begin, end - begin);
            if (end > begin && prefix != "/") {
                if (H5Lexists(parent, prefix.c_str(), H5P_DEFAULT) <= 0)
                    throw Error(path_.string() + ": the " + what + " '" + name +
                                "' named in the file is missing");
                H5L_info_t link{};
                if (H5Lget_info(parent, prefix.c_str(), &link, H5P_DEFAULT) < 0 || link.type != H5L_TYPE_HARD)
                    throw Error(path_.string() + ": '" + prefix + "' is a " +
                                (link.type == H5L_TYPE_EXTERNAL ? "link to another file"
                                                                : "soft or user-defined link") +
                                "; ESM Explorer reads only the file's own datasets");
            }
            prefix += '/';
            begin = end + 1;
        }
    }

    TensorRecord dataset(hid_t parent, const std::string& groupPath, const std::string& datasetName,
                         const std::string& variableName) const {
        requireOwnObject(parent, datasetName, "variable");
        const Handle set(H5Dopen2(parent, datasetName.c_str(), H5P_DEFAULT), H5Dclose);
        if (!set.valid())
            throw Error(path_.string() + ": '" + datasetName + "' is not a dataset");
        const Handle plist(H5Dget_create_plist(set.get()), H5Pclose);
        requireStoredHere(plist.get(), datasetName);
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
        record.bytes = bytes;
        record.data = inPlace(set.get(), plist.get(), bytes);
        if (!record.data) {
            requirePlausibleSize(set.get(), bytes, datasetName);
            const std::string where = datasetName.starts_with('/') ? datasetName : groupPath + datasetName;
            record.fetch = [storage = storage_, where, bytes] { return storage->read(where, bytes); };
        }
        arrange(record, tfShape, converted.axes);
        return record;
    }

  private:
    static hid_t open(const fs::path& path) {
        if (!fs::exists(path))
            throw Error(path.string() + ": no such file");
        if (!fs::is_regular_file(path))
            throw Error(path.string() + ": not a regular file");
        if (H5Fis_hdf5(path.c_str()) <= 0)
            throw Error(path.string() + ": not an HDF5 file (truncated, or not TensorFlow weights)");
        const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (file < 0)
            throw Error(path.string() + ": the HDF5 file cannot be opened (truncated or corrupt?)");
        return file;
    }

    // Data in this file: external storage and virtual datasets read other files by path.
    void requireStoredHere(hid_t plist, const std::string& name) const {
        if (H5Pget_layout(plist) == H5D_VIRTUAL)
            throw Error(path_.string() + ": variable '" + name +
                        "' is a virtual dataset (its data is in other files); ESM Explorer reads only "
                        "the file's own datasets");
        if (H5Pget_external_count(plist) != 0)
            throw Error(path_.string() + ": variable '" + name +
                        "' keeps its data in an external file; ESM Explorer reads only the file's own "
                        "datasets");
    }

    // A compressed dataset's declared size against what the file stores for it, before any memory
    // is set aside for it.
    void requirePlausibleSize(hid_t set, std::size_t bytes, const std::string& name) const {
        const std::uint64_t stored = H5Dget_storage_size(set);
        if (bytes > 0 && stored == 0)
            throw Error(path_.string() + ": variable '" + name + "' declares " + std::to_string(bytes) +
                        " bytes but stores none (Keras writes every variable's data)");
        if (bytes / kMostExpansion > stored)
            throw Error(path_.string() + ": variable '" + name + "' declares " + std::to_string(bytes) +
                        " bytes from " + std::to_string(stored) +
                        " stored, more than compression can expand to (a damaged or hostile file)");
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
        if (count > kMostVariables)
            throw Error(path_.string() + ": attribute '" + name + "' of " + where + " lists " +
                        std::to_string(count) + " names, more than any model has");
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
        std::size_t textBytes = 0;
        if (__builtin_mul_overflow(count, width, &textBytes) || textBytes > (std::size_t(1) << 30))
            throw Error(path_.string() + ": attribute '" + name + "' of " + where + " is implausibly large");
        std::vector<char> text(textBytes + 1, '\0');
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
        const auto unreadable = [&](const std::string& why) {
            return Error(path_.string() + ": variable '" + name + "' " + why);
        };
        if (typeClass == H5T_STRING)
            throw unreadable("holds text, not numbers");
        if (typeClass != H5T_FLOAT && typeClass != H5T_INTEGER)
            throw unreadable("has an element type ESM Explorer does not read (HDF5 type class " +
                             std::to_string(int(typeClass)) + ")");
        if (H5Tget_order(type.get()) != H5T_ORDER_LE && size > 1)
            throw unreadable("is stored big-endian");
        if (typeClass == H5T_FLOAT) {
            if ((size != 2 && size != 4 && size != 8) || !isIeeeFloat(type.get(), size))
                throw unreadable("has a " + std::to_string(size) +
                                 "-byte float layout other than IEEE 754's");
            return size == 2 ? ElementType::F16 : size == 4 ? ElementType::F32 : ElementType::F64;
        }
        if (H5Tget_offset(type.get()) != 0 || H5Tget_precision(type.get()) != 8 * size)
            throw unreadable("has integers with padding bits");
        const bool isSigned = H5Tget_sign(type.get()) == H5T_SGN_2;
        if (isSigned && size == 8)
            return ElementType::I64;
        if (isSigned && size == 4)
            return ElementType::I32;
        if (isSigned && size == 2)
            return ElementType::I16;
        if (isSigned && size == 1)
            return ElementType::I8;
        if (!isSigned && size == 1)
            return ElementType::U8;
        throw unreadable("has " + std::string(isSigned ? "" : "un") + "signed " + std::to_string(size) +
                         "-byte integers, which ESM Explorer does not read");
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
    const std::byte* inPlace(hid_t set, hid_t plist, std::size_t bytes) const {
        if (H5Pget_layout(plist) != H5D_CONTIGUOUS || H5Pget_nfilters(plist) != 0)
            return nullptr;
        const haddr_t offset = H5Dget_offset(set);
        if (offset == HADDR_UNDEF || H5Dget_storage_size(set) != bytes)
            return nullptr;
        if (!storage_->mapping)
            storage_->mapping = MappedFile::open(path_);
        const auto& mapping = *storage_->mapping;
        if (offset > mapping.size() || bytes > mapping.size() - offset)
            throw Error(path_.string() + ": a variable's data lies past the end of the file (truncated?)");
        return mapping.data() + offset;
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
    std::shared_ptr<Storage> storage_;
};

// Names Keras lists once each; a repeat would make the same work again (a file listing one layer
// 20,000 times).
void requireDistinct(const std::vector<std::string>& names, const fs::path& path, const char* what) {
    std::unordered_set<std::string_view> seen;
    for (const auto& name : names)
        if (!seen.insert(name).second)
            throw Error(path.string() + ": the " + what + " '" + name.substr(0, 200) + "' is listed twice");
}

// Every variable of the whole-model layout: layer groups, each listing its variables by full name.
void readModelLayout(const Reader& reader, const std::vector<std::string>& layers, const fs::path& path,
                     std::vector<TensorRecord>& tensors) {
    requireDistinct(layers, path, "layer");
    for (const auto& layer : layers) {
        reader.requireOwnObject(reader.root(), layer, "layer");
        const Handle group(H5Gopen2(reader.root(), layer.c_str(), H5P_DEFAULT), H5Gclose);
        if (!group.valid())
            throw Error(path.string() + ": layer '" + layer + "' is not a group");
        const auto weights = reader.stringList(group.get(), "weight_names", "layer '" + layer + "'");
        requireDistinct(weights, path, "variable");
        if (tensors.size() + weights.size() > kMostVariables)
            throw Error(path.string() + ": more than " + std::to_string(kMostVariables) +
                        " variables, more than any model has");
        for (const auto& weight : weights)
            tensors.push_back(reader.dataset(group.get(), layer + "/", weight, weight));
    }
}

} // namespace

KerasWeights readKerasH5(const fs::path& path) {
    auto storage = std::make_shared<Storage>();
    const std::lock_guard<std::mutex> guard(hdf5Lock());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // errors become exceptions with file names, not stderr dumps
    // An unknown filter would otherwise make libhdf5 load every shared library on HDF5_PLUGIN_PATH.
    H5PLset_loading_state(0);
    const Reader reader(path, storage);
    KerasWeights weights;
    const auto names = reader.stringList(reader.root(), "layer_names", "the file");
    if (names.empty())
        throw Error(path.string() + ": no layer_names attribute (not a Keras/TensorFlow weights file)");
    // A shard lists variables ("esm/encoder/.../kernel:0"), a whole model lists layers ("esm").
    const bool shard =
        names.front().find(":0") != std::string::npos || names.front().find('/') != std::string::npos;
    if (shard) {
        requireDistinct(names, path, "variable");
        for (const auto& name : names)
            weights.tensors.push_back(reader.dataset(reader.root(), "", name, "model/" + name));
    } else {
        readModelLayout(reader, names, path, weights.tensors);
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
