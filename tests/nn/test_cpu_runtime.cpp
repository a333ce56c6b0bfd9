// How models use the CPU: the block cache in front of LibTorch's allocator, our LayerNorm, transpose
// and small batched matmul kernels against LibTorch's, oneDNN float32, int8 and float16-stored Linear
// layers, and the thread count that gives way to other programs.
#include "core/base/cpu_features.h"
#include "core/base/error.h"
#include "core/nn/kernels/half_weights.h"
#include "core/nn/kernels/int8_linear.h"
#include "core/nn/kernels/onednn_linear.h"
#include "core/nn/kernels/packed_linear.h"
#include "core/nn/kernels/row_layer_norm.h"
#include "core/nn/kernels/small_batched_matmul.h"
#include "core/nn/kernels/transpose_copy.h"
#include "core/nn/modules/linear.h"
#include "core/nn/modules/linear_layers.h"
#include "core/nn/runtime/block_cache.h"
#include "core/nn/runtime/compute_options.h"
#include "core/nn/runtime/cpu_share.h"

#include <QtTest>

#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

double largestDifference(const at::Tensor& a, const at::Tensor& b) {
    return (a.to(at::kFloat) - b.to(at::kFloat)).abs().max().item<double>();
}

} // namespace

namespace {

// Fills a module's parameters: `values` by name, the rest drawn from N(0, 1).
void fill(torch::nn::Module& root, const std::map<std::string, at::Tensor>& values = {}) {
    for (auto& p : root.named_parameters()) {
        const auto given = values.find(p.key());
        p.value().set_data(given != values.end() ? given->second.clone() : at::randn(p.value().sizes()));
    }
}

template <typename T> bool holds(const esm::nn::LinearRef& layer) {
    return dynamic_cast<const T*>(&*layer) != nullptr;
}

} // namespace

class TestCpuRuntime : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void theBlockCacheHandsFreedBlocksOut() {
        esm::nn::installBlockCache();
        esm::nn::releaseCachedBlocks();
        const auto before = esm::nn::blockCacheStats();
        void* first = nullptr;
        {
            const at::Tensor t = at::empty({1 << 20}, at::kFloat); // 4 MB
            first = t.data_ptr();
        }
        QVERIFY(esm::nn::blockCacheStats().cachedBytes >= std::size_t(4) << 20);
        const at::Tensor again = at::empty({1 << 20}, at::kFloat);
        QCOMPARE(again.data_ptr(), first);
        QCOMPARE(esm::nn::blockCacheStats().hits, before.hits + 1);
        // Small tensors stay with the system allocator.
        { const at::Tensor small = at::ones({16}); }
        QCOMPARE(esm::nn::blockCacheStats().hits, before.hits + 1);
        esm::nn::releaseCachedBlocks();
        QCOMPARE(esm::nn::blockCacheStats().cachedBytes, std::size_t(0));
    }

    void rowLayerNormMatchesLibTorch() {
        at::manual_seed(3);
        for (const auto& shape :
             {std::vector<std::int64_t>{37, 128}, std::vector<std::int64_t>{2, 5, 2560},
              std::vector<std::int64_t>{6, 45}}) { // 45: channels beyond the last full set of lanes
            const std::int64_t c = shape.back();
            const at::Tensor x = at::randn(shape) * 3 + 1, w = at::randn({c}), b = at::randn({c});
            const at::Tensor expected = at::layer_norm(x, {c}, w, b, 1e-5);
            QVERIFY(esm::nn::rowLayerNormApplies(x));
            QVERIFY(largestDifference(esm::nn::rowLayerNorm(x, w, b, 1e-5), expected) < 1e-5);
            // Strided input, as the triangular attention's ending node passes it.
            const at::Tensor t = x.transpose(0, -2);
            if (t.dim() == 3)
                QVERIFY(largestDifference(esm::nn::rowLayerNorm(t, w, b, 1e-5),
                                          at::layer_norm(t.contiguous(), {c}, w, b, 1e-5)) < 1e-5);
            // bfloat16 in, bfloat16 out, within one bfloat16 rounding of the float result.
            const at::Tensor half =
                esm::nn::rowLayerNorm(x.to(at::kBFloat16), w.to(at::kBFloat16), b.to(at::kBFloat16), 1e-5);
            QCOMPARE(half.scalar_type(), at::kBFloat16);
            const at::Tensor reference =
                at::layer_norm(x.to(at::kBFloat16).to(at::kFloat), {c}, w.to(at::kBFloat16).to(at::kFloat),
                               b.to(at::kBFloat16).to(at::kFloat), 1e-5);
            QVERIFY((half.to(at::kFloat) - reference)
                        .abs()
                        .le(reference.abs() * (1.0 / 128) + 1e-3)
                        .all()
                        .item<bool>());
        }
        QVERIFY(!esm::nn::rowLayerNormApplies(at::ones({4, 8}, at::kDouble)));
    }

    // Large float32 inputs run on oneDNN: the float product, to float32 round-off, in any rank, with
    // and without bias; a Linear layer takes that path by itself.
    void oneDnnLinearIsTheFloatProduct() {
        at::manual_seed(4);
        const at::Tensor w = at::randn({48, 96}), b = at::randn({48});
        const at::Tensor x = at::randn({3, 70, 96});                  // 210 rows
        QVERIFY(!esm::nn::oneDnnLinearApplies(x.slice(1, 0, 40), w)); // 120 rows: BLAS
        QVERIFY(!esm::nn::oneDnnLinearApplies(x.to(at::kBFloat16), w.to(at::kBFloat16)));
        if (!esm::nn::oneDnnLinearApplies(x, w))
            QSKIP("this LibTorch has no oneDNN");
        const double scale = at::linear(x, w).abs().max().item<double>();
        QVERIFY(largestDifference(esm::nn::oneDnnLinear(x, w, b), at::linear(x, w, b)) < 1e-5 * scale);
        QVERIFY(largestDifference(esm::nn::oneDnnLinear(x, w, {}), at::linear(x, w)) < 1e-5 * scale);
        const at::Tensor strided = x.transpose(0, 1); // [70, 3, 96], not contiguous
        QCOMPARE(esm::nn::oneDnnLinear(strided, w, b).sizes().vec(), (std::vector<std::int64_t>{70, 3, 48}));
        QVERIFY(largestDifference(esm::nn::oneDnnLinear(strided, w, b), at::linear(strided, w, b)) <
                1e-5 * scale);
        esm::nn::Linear layer(96, 48);
        fill(layer, {{"weight", w}, {"bias", b}});
        QCOMPARE(layer.forward(x).sizes().vec(), (std::vector<std::int64_t>{3, 70, 48}));
        QVERIFY(largestDifference(layer.forward(x), esm::nn::oneDnnLinear(x, w, b)) == 0);
    }

    // Layers of 512 features and more are swapped for PackedLinear: the float product to float32
    // round-off for any row count and rank, with or without bias; no dense weight is left (the model's
    // value and byte counts still include the packed ones); narrower, int8 and bfloat16 layers stay.
    void packedLinearIsTheFloatProduct() {
        at::manual_seed(7);
        const at::Tensor w = at::randn({640, 512}) * 0.05, b = at::randn({640});
        QVERIFY(!esm::nn::packedLinearApplies(w.slice(1, 0, 256)));
        QVERIFY(!esm::nn::packedLinearApplies(w.to(at::kBFloat16)));
        if (!esm::nn::packedLinearApplies(w))
            QSKIP("this LibTorch has no oneDNN");
        for (const bool withBias : {true, false}) {
            torch::nn::Module root;
            const esm::nn::LinearRef layer = esm::nn::linearChild(root, "layer", 512, 640, withBias);
            fill(root, {{"layer.weight", w}, {"layer.bias", b}});
            QCOMPARE(esm::nn::packLinearLayers(root), 1);
            QCOMPARE(esm::nn::packLinearLayers(root), 1); // a second call keeps it packed
            QVERIFY(holds<esm::nn::PackedLinear>(layer));
            QVERIFY(!root.named_parameters().contains("layer.weight"));
            QCOMPARE(root.named_parameters().contains("layer.bias"), withBias);
            const std::int64_t biasValues = withBias ? 640 : 0;
            QCOMPARE(esm::nn::weightCount(root), 640 * 512 + biasValues);
            QCOMPARE(esm::nn::residentWeightBytes(root), std::size_t(640 * 512 + biasValues) * 4);
            for (const auto& shape :
                 {std::vector<std::int64_t>{66, 512}, std::vector<std::int64_t>{2, 3, 512},
                  std::vector<std::int64_t>{1100, 512}, std::vector<std::int64_t>{0, 512}}) {
                const at::Tensor x = at::randn(shape);
                const at::Tensor expected = at::linear(x, w, withBias ? b : at::Tensor());
                const at::Tensor y = layer->forward(x);
                QCOMPARE(y.sizes().vec(), expected.sizes().vec());
                QVERIFY(y.is_contiguous());
                if (x.numel() > 0)
                    QVERIFY(largestDifference(y, expected) < 1e-5 * expected.abs().max().item<double>());
            }
            const at::Tensor strided = at::randn({512, 9}).t(); // [9, 512], not contiguous
            QVERIFY(largestDifference(layer->forward(strided),
                                      at::linear(strided, w, withBias ? b : at::Tensor())) < 1e-4);
        }
        torch::nn::Module root;
        const esm::nn::LinearRef narrow = esm::nn::linearChild(root, "narrow", 128, 128),
                                 wide = esm::nn::linearChild(root, "wide", 512, 512),
                                 bfloat = esm::nn::linearChild(root, "bfloat", 512, 512);
        fill(root, {{"bfloat.weight", at::randn({512, 512}).to(at::kBFloat16)}});
        QCOMPARE(esm::nn::packLinearLayers(root, "narrow"), 0);
        QCOMPARE(esm::nn::packLinearLayers(root, "narrow", 16), 1); // any width when asked
        QCOMPARE(esm::nn::packLinearLayers(root, "bfloat"), 0);
        QVERIFY(holds<esm::nn::Linear>(bfloat));
        if (esm::nn::int8LinearAvailable()) {
            QCOMPARE(esm::nn::quantizeLinearLayers(root, "wide"), 1);
            QCOMPARE(esm::nn::packLinearLayers(root, "wide"), 0);
            QVERIFY(holds<esm::nn::Int8Linear>(wide));
        }
    }

    // While a checkpoint loads, each wide float32 layer is swapped for its packed form as soon as its
    // bias is in, and its dense weights go.
    void layersArePackedAsTheyLoad() {
        torch::nn::Module root;
        const esm::nn::LinearRef wide = esm::nn::linearChild(root, "wide", 512, 512),
                                 narrow = esm::nn::linearChild(root, "narrow", 64, 64);
        fill(root);
        if (!esm::nn::packedLinearApplies(root.named_parameters()["wide.weight"]))
            QSKIP("this LibTorch has no oneDNN");
        const at::Tensor x = at::randn({4, 512});
        const at::Tensor expected =
            at::linear(x, root.named_parameters()["wide.weight"], root.named_parameters()["wide.bias"]);
        c10::weak_intrusive_ptr<c10::TensorImpl> dense(
            root.named_parameters()["wide.weight"].getIntrusivePtr());
        const auto loaded = esm::nn::packAsLoaded(root);
        loaded("wide.weight");
        QVERIFY(holds<esm::nn::Linear>(wide)); // its bias is still to come
        loaded("wide.bias");
        QVERIFY(holds<esm::nn::PackedLinear>(wide));
        QVERIFY(dense.expired()); // the dense values are gone
        QVERIFY(largestDifference(wide->forward(x), expected) < 1e-4);
        loaded("narrow.bias");
        QVERIFY(holds<esm::nn::Linear>(narrow));
        QCOMPARE(esm::nn::packLinearLayers(root), 1);
    }

    void transposedCopySwapsTheLastAxes() {
        at::manual_seed(5);
        for (const auto type : {at::kFloat, at::kBFloat16, at::kLong}) {
            const at::Tensor x = (at::randn({2, 3, 37, 70}) * 100).to(type); // not multiples of the tile
            const at::Tensor expected = x.transpose(-1, -2).contiguous();
            const at::Tensor y = esm::nn::transposedCopy(x);
            QVERIFY(y.is_contiguous());
            QVERIFY(y.equal(expected));
            const at::Tensor strided = x.transpose(0, 2); // [37, 3, 2, 70]
            QVERIFY(esm::nn::transposedCopy(strided).equal(strided.transpose(-1, -2).contiguous()));
        }
    }

    // Rows beyond the last four, columns beyond the last vector, any strides, several batch axes.
    void smallBatchedMatmulIsTheProduct() {
        at::manual_seed(6);
        const at::Tensor a = at::randn({2, 3, 37, 19}), b = at::randn({2, 3, 19, 45});
        QVERIFY(esm::nn::smallBatchedMatmulApplies(a, b));
        const at::Tensor expected = at::matmul(a, b);
        const double scale = expected.abs().max().item<double>();
        const at::Tensor c = esm::nn::smallBatchedMatmul(a, b);
        QCOMPARE(c.sizes().vec(), expected.sizes().vec());
        QVERIFY(largestDifference(c, expected) < 1e-5 * scale);
        // Strided views, as the triangular attention passes them: heads and keys transposed.
        const at::Tensor q = at::randn({2, 37, 3, 19}).transpose(1, 2),
                         k = at::randn({2, 45, 3, 19}).permute({0, 2, 3, 1});
        QVERIFY(largestDifference(esm::nn::smallBatchedMatmul(q, k), at::matmul(q, k)) <
                1e-5 * at::matmul(q, k).abs().max().item<double>());
        for (const int n : {1, 16, 32, 33}) { // one vector, a pair, a pair and one more
            const at::Tensor right = at::randn({4, 19, n});
            const at::Tensor left = a.flatten(0, 1).slice(0, 0, 4);
            QVERIFY(largestDifference(esm::nn::batchedMatmul(left, right), at::matmul(left, right)) < 1e-4);
        }
        QVERIFY(!esm::nn::smallBatchedMatmulApplies(a.to(at::kBFloat16), b.to(at::kBFloat16)));
        QVERIFY(!esm::nn::smallBatchedMatmulApplies(a, b.slice(1, 0, 1))); // broadcast batch
        QVERIFY(
            !esm::nn::smallBatchedMatmulApplies(a[0][0].unsqueeze(0), b[0][0].unsqueeze(0))); // one product
        QVERIFY(
            !esm::nn::smallBatchedMatmulApplies(at::ones({2, 256, 128}), at::ones({2, 128, 256}))); // large
        QVERIFY(largestDifference(esm::nn::batchedMatmul(a, b.slice(1, 0, 1)),
                                  at::matmul(a, b.slice(1, 0, 1))) == 0);
    }

    // An int8 layer computes the float layer's product within the rounding of its two quantisations
    // (weights per output channel, inputs per call), for inputs of any rank.
    void int8LinearIsTheQuantisedProduct() {
        if (!esm::nn::int8LinearAvailable())
            QSKIP("this LibTorch has no x86 quantised engine");
        at::manual_seed(3);
        torch::nn::Module root;
        const esm::nn::LinearRef layer = esm::nn::linearChild(root, "layer", 96, 64);
        at::Tensor w = at::randn({64, 96}) * 0.1;
        w[5].zero_(); // a row of zeros keeps its bias
        const at::Tensor b = at::randn({64});
        fill(root, {{"layer.weight", w}, {"layer.bias", b}});
        const at::Tensor x = at::randn({5, 3, 96});
        const at::Tensor expected = at::linear(x, w, b);
        QCOMPARE(esm::nn::quantizeLinearLayers(root, ""), 1);
        const at::Tensor y = layer->forward(x);
        QCOMPARE(y.sizes().vec(), expected.sizes().vec());
        QCOMPARE(y.scalar_type(), at::kFloat);
        // The layer keeps the int8 values, not the float weights; each row scaled is the float row.
        QVERIFY(!root.named_parameters().contains("layer.weight"));
        const at::Tensor values = dynamic_cast<const esm::nn::Int8Linear&>(*layer).values();
        QCOMPARE(values.scalar_type(), at::kChar);
        QCOMPARE(esm::nn::residentWeightBytes(root), std::size_t(2 * 64 * 96 + 64 * 4)); // two int8 copies
        const at::Tensor scales = w.abs().amax(1, true) / 127;
        QVERIFY(largestDifference(values.to(at::kFloat) * scales, w) <=
                scales.max().item<double>() / 2 + 1e-6);
        // Each product term is off by at most half a step of either quantisation.
        const double weightStep = (w.abs().amax(1) / 127).max().item<double>();
        const double inputStep = (x.max() - x.min()).item<double>() / 255;
        const double bound = 96 * (x.abs().max().item<double>() * weightStep / 2 +
                                   w.abs().max().item<double>() * inputStep / 2);
        const double difference = largestDifference(y, expected);
        qInfo("int8 Linear 96 -> 64: max |diff| %.4f (bound %.4f, outputs up to %.2f)", difference, bound,
              expected.abs().max().item<double>());
        QVERIFY(difference <= bound);
        QVERIFY(difference > 0); // it is not the float layer
        QVERIFY(largestDifference(y.select(2, 5), expected.select(2, 5)) < 1e-6);
    }

    // While a checkpoint loads, each layer under the prefix turns int8 as soon as its bias is in.
    void layersTurnInt8AsTheyLoad() {
        if (!esm::nn::int8LinearAvailable())
            QSKIP("this LibTorch has no x86 quantised engine");
        torch::nn::Module root;
        auto encoder = root.register_module("encoder", std::make_shared<torch::nn::Module>());
        const esm::nn::LinearRef inside = esm::nn::linearChild(*encoder, "dense", 8, 4),
                                 outside = esm::nn::linearChild(root, "head", 8, 4);
        fill(root);
        const auto loaded = esm::nn::quantizeAsLoaded(root, "encoder.");
        loaded("encoder.dense.weight");
        QVERIFY(holds<esm::nn::Linear>(inside)); // its bias is still to come
        loaded("encoder.dense.bias");
        QVERIFY(holds<esm::nn::Int8Linear>(inside));
        loaded("head.bias");
        QVERIFY(holds<esm::nn::Linear>(outside));
        QCOMPARE(esm::nn::quantizeLinearLayers(root, "encoder."), 1); // a second time changes nothing
        QVERIFY(holds<esm::nn::Int8Linear>(inside));
    }

    // auto: bfloat16 where the CPU (and oneDNN, which may be capped to an older instruction set)
    // has native bfloat16; else int8 for a language model's encoder and float16 storage for ESMFold's
    // stem; it says which.
    void autoPicksBFloat16ElseInt8OrFloat16() {
        using esm::nn::EncoderLinear;
        using esm::nn::ModelFamily;
        using esm::nn::parseComputeOptions;
        const bool native = esm::cpuHasNativeBFloat16();
        const auto here = parseComputeOptions("auto");
        QCOMPARE(here.dtype, native ? at::kBFloat16 : at::kFloat);
        QVERIFY((here.encoderLinear == EncoderLinear::Int8) == (!native && esm::nn::int8LinearAvailable()));

        qputenv("ONEDNN_MAX_CPU_ISA", "AVX2"); // an AVX2-only machine, as oneDNN sees it
        QVERIFY(!esm::cpuHasNativeBFloat16());
        const auto avx2 = parseComputeOptions("auto");
        const auto avx2Fold = parseComputeOptions("auto", at::kCPU, ModelFamily::Folding);
        qunsetenv("ONEDNN_MAX_CPU_ISA");
        QCOMPARE(avx2.dtype, at::kFloat);
        QCOMPARE(avx2Fold.dtype, at::kFloat);
        if (esm::cpuHasFastHalfConversion()) {
            QVERIFY(avx2Fold.encoderLinear == EncoderLinear::Float16);
            QCOMPARE(esm::nn::computeOptionsLabel("auto", avx2Fold), std::string("auto: float16"));
        }
        QCOMPARE(esm::cpuHasNativeBFloat16(), native);
        QCOMPARE(parseComputeOptions("bf16").dtype, at::kBFloat16);
        QVERIFY(parseComputeOptions("float32").encoderLinear == EncoderLinear::Compute);
        const auto half = parseComputeOptions("float16");
        QVERIFY(half.encoderLinear == EncoderLinear::Float16 && half.dtype == at::kFloat);
        QCOMPARE(esm::nn::computeOptionsName(half), std::string("float16"));
        QVERIFY_THROWS_EXCEPTION(esm::Error, parseComputeOptions("int4"));
        if (!esm::nn::int8LinearAvailable())
            QSKIP("this LibTorch has no int8 engine: a language model's auto is float32 without bfloat16");
        QVERIFY(avx2.encoderLinear == EncoderLinear::Int8);
        QCOMPARE(esm::nn::computeOptionsLabel("auto", avx2), std::string("auto: int8"));
        QCOMPARE(esm::nn::computeOptionsLabel("int8", avx2), std::string("int8"));
    }

    // float16 widens to float32 exactly, specials and subnormals included, whatever the layout and
    // wherever the vector loop's tail falls.
    void halfWeightsWidenExactly() {
        at::manual_seed(8);
        for (const std::int64_t count : {0, 1, 7, 8, 9, 1000003}) {
            at::Tensor half = (at::randn({count}) * 1000).to(at::kHalf);
            if (count >= 8) {
                const float specials[] = {0.f, -0.f, 1e-7f, -3e-8f, 65504.f, INFINITY, -INFINITY, NAN};
                for (int i = 0; i < 8; ++i)
                    half[count - 1 - i].fill_(specials[i]);
            }
            const at::Tensor wide = esm::nn::widenHalf(half);
            QCOMPARE(wide.scalar_type(), at::kFloat);
            QVERIFY(wide.is_contiguous());
            // Bit for bit: NaN compares unequal to itself, its bits do not.
            QVERIFY(wide.view(at::kInt).equal(half.to(at::kFloat).view(at::kInt)));
        }
        const at::Tensor strided = at::randn({37, 64}).to(at::kHalf).t();
        QVERIFY(esm::nn::widenHalf(strided).equal(strided.to(at::kFloat)));
        QVERIFY_THROWS_EXCEPTION(c10::Error, esm::nn::widenHalf(at::ones({3})));
    }

    // A layer with float16 weights computes the float32 product of those weights, bit for bit, on
    // the few-row (BLAS) and the many-row (oneDNN) paths, with a bias or none, for inputs of any
    // rank; the stored weights take half the bytes.
    void halfWeightLinearIsTheProductOfItsRoundedWeights() {
        at::manual_seed(9);
        for (const bool withBias : {true, false}) {
            torch::nn::Module root;
            const esm::nn::LinearRef layer = esm::nn::linearChild(root, "layer", 320, 1100, withBias);
            const at::Tensor w = at::randn({1100, 320}) * 0.05, b = at::randn({1100}) * 0.05;
            fill(root, {{"layer.weight", w}, {"layer.bias", b}});
            const at::Tensor rounded = w.to(at::kHalf).to(at::kFloat);
            esm::nn::halveLinearLayers(root, "");
            const auto& half = dynamic_cast<const esm::nn::HalfLinear&>(*layer);
            QCOMPARE(half.weight().scalar_type(), at::kHalf);
            QCOMPARE(half.weight().nbytes(), std::size_t(1100 * 320 * 2));
            for (const auto& shape :
                 std::vector<std::vector<std::int64_t>>{{1, 320}, {2, 33, 320}, {300, 320}, {0, 320}}) {
                const at::Tensor x = at::randn(shape);
                const at::Tensor y = layer->forward(x);
                // Against ATen's own product of the rounded weights, not another Linear's dispatch.
                const at::Tensor expected = at::linear(x, rounded, withBias ? b : at::Tensor());
                QCOMPARE(y.sizes().vec(), expected.sizes().vec());
                QCOMPARE(y.scalar_type(), at::kFloat);
                if (x.numel() > 0)
                    QVERIFY(largestDifference(y, expected) <= 1e-5 * expected.abs().max().item<double>());
            }
            esm::nn::halveLinearLayers(root, ""); // a second time changes nothing
            QVERIFY(holds<esm::nn::HalfLinear>(layer));
        }
    }

    void threadsGiveWayToABusyProgram() {
        const int cores = static_cast<int>(std::thread::hardware_concurrency());
        if (cores < 2)
            QSKIP("needs two cores");
        esm::nn::CpuShare share;
        QCOMPARE(share.threads(), cores); // nothing measured yet
        const pid_t busy = ::fork();
        if (busy == 0) {
            volatile double x = 1;
            for (;;)
                x = x * 1.0000001 + 1e-9;
        }
        QVERIFY(busy > 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        const int threads = share.threads();
        const int soonAfter = share.threads(); // too soon to measure: the same answer, not all cores
        ::kill(busy, SIGKILL);
        ::waitpid(busy, nullptr, 0);
        QVERIFY2(threads >= 1 && threads <= cores - 1, qPrintable(QString::number(threads)));
        QCOMPARE(soonAfter, threads);
    }
};

QTEST_APPLESS_MAIN(TestCpuRuntime)
#include "test_cpu_runtime.moc"
