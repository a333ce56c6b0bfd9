// tf_model.h5 files as an attacker would make them (issue 30): written here with the HDF5 C API in
// the sharded Keras layout (root attribute layer_names, one dataset per variable), each a feature
// Keras never writes - external storage, links, virtual datasets, non-IEEE floats, declared sizes
// the file does not hold - and refused by name without reading another file or allocating the
// declared size. Compressed float16 reads as float16.
#include "core/base/error.h"
#include "core/nn/checkpoint/keras_h5.h"

#include "TestPaths.h"

#include <QtTest>

#include <hdf5.h>

#include <chrono>
#include <cstring>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace {

constexpr const char* kVariable = "esm/embeddings/word_embeddings/embeddings:0";

// A Keras shard under construction: a file, its variables, and layer_names written on close.
class ShardWriter {
  public:
    explicit ShardWriter(const fs::path& path)
        : path_(path), file_(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)) {}
    ~ShardWriter() { close(); }

    hid_t file() const { return file_; }
    void list(const std::string& name) { names_.push_back(name); }

    // A dataset of `type` and `dims`, created with `plist`, holding `data` when given.
    void dataset(const std::string& name, hid_t type, std::vector<hsize_t> dims, hid_t plist = H5P_DEFAULT,
                 const void* data = nullptr) {
        const hid_t space = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
        const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
        H5Pset_create_intermediate_group(lcpl, 1);
        const hid_t set = H5Dcreate2(file_, name.c_str(), type, space, lcpl, plist, H5P_DEFAULT);
        QVERIFY(set >= 0);
        if (data)
            QVERIFY(H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
        H5Dclose(set);
        H5Pclose(lcpl);
        H5Sclose(space);
        list(name);
    }

    void close() {
        if (file_ < 0)
            return;
        // Keras splits a long list over layer_names0, layer_names1, ... (an attribute holds 64 KB).
        constexpr std::size_t kPerAttribute = 1000;
        for (std::size_t first = 0; first < names_.size(); first += kPerAttribute) {
            const std::string name = names_.size() <= kPerAttribute
                                         ? "layer_names"
                                         : "layer_names" + std::to_string(first / kPerAttribute);
            std::vector<const char*> pointers;
            for (std::size_t i = first; i < std::min(names_.size(), first + kPerAttribute); ++i)
                pointers.push_back(names_[i].c_str());
            writeStrings(name, pointers);
        }
        H5Fclose(file_);
        file_ = -1;
    }

  private:
    void writeStrings(const std::string& name, const std::vector<const char*>& pointers) const {
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        const hsize_t count = pointers.size();
        const hid_t space = H5Screate_simple(1, &count, nullptr);
        const hid_t attribute = H5Acreate2(file_, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(attribute, type, pointers.data());
        H5Aclose(attribute);
        H5Sclose(space);
        H5Tclose(type);
    }

    fs::path path_;
    hid_t file_;
    std::vector<std::string> names_;
};

// numpy's float16 as h5py declares it.
hid_t ieeeHalf() {
    const hid_t type = H5Tcopy(H5T_IEEE_F32LE);
    H5Tset_fields(type, 15, 10, 5, 0, 10);
    H5Tset_size(type, 2);
    H5Tset_ebias(type, 15);
    return type;
}

hid_t chunked(hsize_t chunk, bool deflate) {
    const hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(plist, 1, &chunk);
    if (deflate)
        H5Pset_deflate(plist, 6);
    return plist;
}

} // namespace

class TestHostileH5 : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    fs::path file(const std::string& name) const { return testpaths::in(dir_, name); }

  private Q_SLOTS:
    void externalStorageIsRefusedUnread() {
        // Points at a FIFO: reading it would block forever, and /etc/passwd would become weights.
        const fs::path fifo = file("fifo");
        QVERIFY(::mkfifo(fifo.c_str(), 0600) == 0);
        for (const std::string& target :
             {fifo.string(), std::string("/etc/passwd"), std::string("relative")}) {
            ShardWriter h5(file("external.h5"));
            const hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
            H5Pset_external(plist, target.c_str(), 0, 64);
            h5.dataset(kVariable, H5T_IEEE_F32LE, {16}, plist);
            H5Pclose(plist);
            h5.close();
            ESMX_EXPECT_ERROR(esm::readKerasH5(file("external.h5")), "keeps its data in an external file");
        }
    }

    void linksLeavingTheFileAreRefused() {
        {
            ShardWriter other(file("other.h5"));
            const float values[4] = {1, 2, 3, 4};
            other.dataset("w", H5T_IEEE_F32LE, {4}, H5P_DEFAULT, values);
        }
        {
            ShardWriter h5(file("elink.h5"));
            const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
            H5Pset_create_intermediate_group(lcpl, 1);
            QVERIFY(H5Lcreate_external(file("other.h5").c_str(), "/w", h5.file(), kVariable, lcpl,
                                       H5P_DEFAULT) >= 0);
            H5Pclose(lcpl);
            h5.list(kVariable);
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("elink.h5")), "is a link to another file");
        {
            // A group on the way that is an external link.
            ShardWriter h5(file("elink_group.h5"));
            QVERIFY(H5Lcreate_external(file("other.h5").c_str(), "/", h5.file(), "esm", H5P_DEFAULT,
                                       H5P_DEFAULT) >= 0);
            h5.list("esm/w");
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("elink_group.h5")), "'esm' is a link to another file");
        {
            ShardWriter h5(file("soft.h5"));
            const float values[4] = {1, 2, 3, 4};
            h5.dataset("real:0", H5T_IEEE_F32LE, {4}, H5P_DEFAULT, values);
            QVERIFY(H5Lcreate_soft("/real:0", h5.file(), "w:0", H5P_DEFAULT, H5P_DEFAULT) >= 0);
            h5.list("w:0");
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("soft.h5")), "soft or user-defined link");
    }

    void virtualDatasetsAreRefused() {
        ShardWriter h5(file("virtual.h5"));
        const hsize_t n = 8;
        const hid_t space = H5Screate_simple(1, &n, nullptr);
        const hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
        QVERIFY(H5Pset_virtual(plist, space, file("missing-source.h5").c_str(), "/w", space) >= 0);
        h5.dataset(kVariable, H5T_IEEE_F32LE, {n}, plist);
        H5Pclose(plist);
        H5Sclose(space);
        h5.close();
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("virtual.h5")), "is a virtual dataset");
    }

    void compressedFloat16ReadsAsFloat16() {
        // 2,112 values in chunks of 1,000: HDF5 1.10's native type for float16 is a 4-byte float,
        // which wrote twice the buffer's size.
        std::vector<std::uint16_t> halves(2112);
        for (std::size_t i = 0; i < halves.size(); ++i)
            halves[i] = std::uint16_t(0x3c00 + i % 1000); // 1.0 and up
        {
            ShardWriter h5(file("half.h5"));
            const hid_t half = ieeeHalf();
            const hid_t plist = chunked(1000, true);
            h5.dataset(kVariable, half, {halves.size()}, plist, halves.data());
            H5Pclose(plist);
            H5Tclose(half);
        }
        const auto weights = esm::readKerasH5(file("half.h5"));
        QCOMPARE(weights.tensors.size(), std::size_t(1));
        const esm::TensorRecord& record = weights.tensors.front();
        QCOMPARE(record.type, esm::ElementType::F16);
        QCOMPARE(record.bytes, halves.size() * 2);
        QVERIFY2(!record.data && record.fetch,
                 "a compressed dataset is read when first used, not when listed");
        QVERIFY(std::memcmp(record.contents(), halves.data(), record.bytes) == 0);
        QCOMPARE(record.contents(), record.contents()); // read once
    }

    void declaredSizesBeyondTheFileAreRefusedBeforeAllocating() {
        {
            // 3 GiB of fill value: nothing stored.
            ShardWriter h5(file("fill.h5"));
            const hid_t plist = chunked(1 << 20, false);
            h5.dataset(kVariable, H5T_IEEE_F32LE, {hsize_t(3) << 28}, plist);
            H5Pclose(plist);
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("fill.h5")), "declares 3221225472 bytes but stores none");
        {
            // 1 GiB declared, one compressed chunk of zeros stored.
            ShardWriter h5(file("bomb.h5"));
            const hid_t plist = chunked(1 << 20, true);
            const hsize_t n = hsize_t(1) << 28;
            const hid_t space = H5Screate_simple(1, &n, nullptr);
            const hid_t set =
                H5Dcreate2(h5.file(), "bomb:0", H5T_IEEE_F32LE, space, H5P_DEFAULT, plist, H5P_DEFAULT);
            const hsize_t start = 0, count = 1 << 20;
            H5Sselect_hyperslab(space, H5S_SELECT_SET, &start, nullptr, &count, nullptr);
            const hid_t memory = H5Screate_simple(1, &count, nullptr);
            const std::vector<float> zeros(count, 0.f);
            QVERIFY(H5Dwrite(set, H5T_NATIVE_FLOAT, memory, space, H5P_DEFAULT, zeros.data()) >= 0);
            H5Sclose(memory);
            H5Dclose(set);
            H5Sclose(space);
            H5Pclose(plist);
            h5.list("bomb:0");
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("bomb.h5")), "more than compression can expand to");
    }

    void repeatedNamesAreRefusedInLinearTime() {
        {
            ShardWriter h5(file("repeat.h5"));
            const float values[4] = {1, 2, 3, 4};
            h5.dataset(kVariable, H5T_IEEE_F32LE, {4}, H5P_DEFAULT, values);
            for (int i = 0; i < 20000; ++i)
                h5.list(kVariable);
        }
        const auto start = std::chrono::steady_clock::now();
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("repeat.h5")), "is listed twice");
        // The quadratic reading took over 60 s.
        QVERIFY2(std::chrono::steady_clock::now() - start < std::chrono::seconds(30),
                 "a hang guard, not a speed target");
    }

    void elementTypesOtherThanIeeeAndIntegersAreNamed() {
        {
            ShardWriter h5(file("text.h5"));
            const hid_t text = H5Tcopy(H5T_C_S1);
            H5Tset_size(text, 8);
            const char values[16] = "abcdefghijklmno";
            h5.dataset(kVariable, text, {2}, H5P_DEFAULT, values);
            H5Tclose(text);
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("text.h5")), "holds text, not numbers");
        {
            ShardWriter h5(file("oddfloat.h5"));
            const hid_t odd = H5Tcopy(H5T_IEEE_F32LE);
            H5Tset_ebias(odd, 100);
            const float values[2] = {1, 2};
            h5.dataset(kVariable, odd, {2}, H5P_DEFAULT, values);
            H5Tclose(odd);
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("oddfloat.h5")), "4-byte float layout other than IEEE 754's");
        {
            ShardWriter h5(file("big.h5"));
            const float values[2] = {1, 2};
            h5.dataset(kVariable, H5T_IEEE_F32BE, {2}, H5P_DEFAULT, values);
        }
        ESMX_EXPECT_ERROR(esm::readKerasH5(file("big.h5")), "is stored big-endian");
    }

    void filterPluginsAreNeverLoaded() {
        {
            ShardWriter h5(file("plain.h5"));
            const float values[2] = {1, 2};
            h5.dataset(kVariable, H5T_IEEE_F32LE, {2}, H5P_DEFAULT, values);
        }
        esm::readKerasH5(file("plain.h5"));
        unsigned int state = 1;
        QVERIFY(H5PLget_loading_state(&state) >= 0);
        QCOMPARE(state, 0u);
    }
};

QTEST_GUILESS_MAIN(TestHostileH5)
#include "test_hostile_h5.moc"
