#include "core/nn/checkpoint/hf_config.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"
#include "core/base/log.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <tuple>

namespace esm {
namespace {

using Json = nlohmann::json;

// Reads known fields of one JSON object with type checks and remembers which keys were used, so
// the rest can be reported.
class FieldReader {
  public:
    FieldReader(const Json& object, std::string path, const std::string& source)
        : object_(object), path_(std::move(path)), source_(source) {
        if (!object_.is_object())
            fail(path_.empty() ? "the file is not a JSON object" : "'" + path_ + "' must be an object");
    }

    void read(const char* key, int& value) {
        readWith(key, [&](const Json& j) { value = integer(key, j); });
    }
    void read(const char* key, double& value) {
        readWith(key, [&](const Json& j) { value = number(key, j); });
    }
    void read(const char* key, bool& value) {
        readWith(key, [&](const Json& j) { value = boolean(key, j); });
    }
    void read(const char* key, std::string& value) {
        readWith(key, [&](const Json& j) { value = text(key, j); });
    }
    template <typename T> void read(const char* key, std::optional<T>& value) {
        readWith(key, [&](const Json& j) {
            if (j.is_null()) {
                value.reset();
                return;
            }
            T v{};
            const Json wrapper = Json::object({{key, j}});
            FieldReader single(wrapper, path_, source_);
            single.read(key, v);
            value = v;
        });
    }
    void read(const char* key, std::vector<std::string>& value) {
        readWith(key, [&](const Json& j) {
            if (j.is_null())
                return;
            if (!j.is_array())
                typeError(key, "a list of strings", j);
            value.clear();
            for (const auto& item : j)
                value.push_back(text(key, item));
        });
    }
    // A nested object: `read` is given a reader over it.
    template <typename Read> void object(const char* key, Read read) {
        readWith(key, [&](const Json& j) {
            if (!j.is_null())
                read(FieldReader(j, qualified(key), source_));
        });
    }
    void accept(std::initializer_list<const char*> keys) {
        for (const char* key : keys)
            used_.insert(key);
    }
    void warnAboutTheRest() const {
        for (const auto& [key, value] : object_.items())
            if (!used_.count(key))
                logWarning(source_ + ": unknown field '" + qualified(key.substr(0, 60).c_str()) +
                           "' ignored");
    }
    const Json& raw() const { return object_; }
    const std::string& source() const { return source_; }
    [[noreturn]] void fail(const std::string& message) const { throw Error(source_ + ": " + message); }

  private:
    template <typename F> void readWith(const char* key, F f) {
        used_.insert(key);
        if (object_.contains(key))
            f(object_.at(key));
    }
    std::string qualified(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
    [[noreturn]] void typeError(const char* key, const char* expected, const Json& j) const {
        const bool container = j.is_array() || j.is_object();
        fail("field '" + qualified(key) + "' must be " + expected + ", not " +
             (container ? "" : std::string(j.type_name()) + " ") + jsonPreview(j));
    }
    int integer(const char* key, const Json& j) const {
        if (!j.is_number_integer())
            typeError(key, "an integer", j);
        // Read wide and checked: 2^32 + 64 must not become 64.
        if (j.is_number_unsigned() ? j.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<int>::max())
                                   : (j.get<std::int64_t>() > std::numeric_limits<int>::max() ||
                                      j.get<std::int64_t>() < std::numeric_limits<int>::min()))
            fail("field '" + qualified(key) + "' is " + jsonPreview(j) + ", outside any model's range");
        return j.get<int>();
    }
    double number(const char* key, const Json& j) const {
        if (!j.is_number())
            typeError(key, "a number", j);
        return j.get<double>();
    }
    bool boolean(const char* key, const Json& j) const {
        if (!j.is_boolean())
            typeError(key, "true or false", j);
        return j.get<bool>();
    }
    std::string text(const char* key, const Json& j) const {
        if (!j.is_string())
            typeError(key, "a string", j);
        return j.get<std::string>();
    }

    const Json& object_;
    std::string path_;
    const std::string& source_;
    std::set<std::string> used_;
};

// PretrainedConfig's generic fields: HuggingFace accepts them for every model, so no warning.
constexpr std::initializer_list<const char*> kGenericFields = {"return_dict",
                                                               "output_hidden_states",
                                                               "output_attentions",
                                                               "torchscript",
                                                               "use_bfloat16",
                                                               "tf_legacy_loss",
                                                               "pruned_heads",
                                                               "tie_word_embeddings",
                                                               "chunk_size_feed_forward",
                                                               "is_encoder_decoder",
                                                               "is_decoder",
                                                               "cross_attention_hidden_size",
                                                               "add_cross_attention",
                                                               "tie_encoder_decoder",
                                                               "max_length",
                                                               "min_length",
                                                               "do_sample",
                                                               "early_stopping",
                                                               "num_beams",
                                                               "num_beam_groups",
                                                               "diversity_penalty",
                                                               "temperature",
                                                               "top_k",
                                                               "top_p",
                                                               "typical_p",
                                                               "repetition_penalty",
                                                               "length_penalty",
                                                               "no_repeat_ngram_size",
                                                               "encoder_no_repeat_ngram_size",
                                                               "bad_words_ids",
                                                               "num_return_sequences",
                                                               "output_scores",
                                                               "return_dict_in_generate",
                                                               "forced_bos_token_id",
                                                               "forced_eos_token_id",
                                                               "remove_invalid_values",
                                                               "exponential_decay_length_penalty",
                                                               "suppress_tokens",
                                                               "begin_suppress_tokens",
                                                               "finetuning_task",
                                                               "label2id",
                                                               "tokenizer_class",
                                                               "prefix",
                                                               "bos_token_id",
                                                               "eos_token_id",
                                                               "sep_token_id",
                                                               "decoder_start_token_id",
                                                               "task_specific_params",
                                                               "_name_or_path",
                                                               "gradient_checkpointing",
                                                               "_attn_implementation",
                                                               "_commit_hash",
                                                               "auto_map",
                                                               "quantization_config",
                                                               "emb_layer_norm_after"};

StructureModuleConfig readStructureModule(const FieldReader& r0) {
    FieldReader r = r0;
    StructureModuleConfig c;
    r.read("sequence_dim", c.sequence_dim);
    r.read("pairwise_dim", c.pairwise_dim);
    r.read("ipa_dim", c.ipa_dim);
    r.read("resnet_dim", c.resnet_dim);
    r.read("num_heads_ipa", c.num_heads_ipa);
    r.read("num_qk_points", c.num_qk_points);
    r.read("num_v_points", c.num_v_points);
    r.read("dropout_rate", c.dropout_rate);
    r.read("num_blocks", c.num_blocks);
    r.read("num_transition_layers", c.num_transition_layers);
    r.read("num_resnet_blocks", c.num_resnet_blocks);
    r.read("num_angles", c.num_angles);
    r.read("trans_scale_factor", c.trans_scale_factor);
    r.read("epsilon", c.epsilon);
    r.read("inf", c.inf);
    r.warnAboutTheRest();
    return c;
}

TrunkConfig readTrunk(const FieldReader& r0) {
    FieldReader r = r0;
    TrunkConfig c;
    r.read("num_blocks", c.num_blocks);
    r.read("sequence_state_dim", c.sequence_state_dim);
    r.read("pairwise_state_dim", c.pairwise_state_dim);
    r.read("sequence_head_width", c.sequence_head_width);
    r.read("pairwise_head_width", c.pairwise_head_width);
    r.read("position_bins", c.position_bins);
    r.read("dropout", c.dropout);
    r.read("layer_drop", c.layer_drop);
    r.read("cpu_grad_checkpoint", c.cpu_grad_checkpoint);
    r.read("max_recycles", c.max_recycles);
    r.read("chunk_size", c.chunk_size);
    r.object("structure_module", [&](const FieldReader& s) { c.structure_module = readStructureModule(s); });
    r.warnAboutTheRest();
    return c;
}

EsmFoldConfig readEsmFold(const FieldReader& r0) {
    FieldReader r = r0;
    EsmFoldConfig c;
    r.read("esm_type", c.esm_type);
    r.read("fp16_esm", c.fp16_esm);
    r.read("use_esm_attn_map", c.use_esm_attn_map);
    r.read("esm_ablate_pairwise", c.esm_ablate_pairwise);
    r.read("esm_ablate_sequence", c.esm_ablate_sequence);
    r.read("esm_input_dropout", c.esm_input_dropout);
    r.read("embed_aa", c.embed_aa);
    r.read("bypass_lm", c.bypass_lm);
    r.read("lddt_head_hid_dim", c.lddt_head_hid_dim);
    r.object("trunk", [&](const FieldReader& t) { c.trunk = readTrunk(t); });
    r.warnAboutTheRest();
    if (c.use_esm_attn_map)
        r.fail("esmfold_config.use_esm_attn_map = true is not supported (HuggingFace does not support it "
               "either)");
    return c;
}

void readLabels(FieldReader& r, EsmConfig& c) {
    r.object("id2label", [&](const FieldReader& labels) {
        for (const auto& [key, value] : labels.raw().items()) {
            int id = 0;
            try {
                std::size_t used = 0;
                id = std::stoi(key, &used);
                if (used != key.size())
                    throw std::invalid_argument(key);
            } catch (const std::exception&) {
                labels.fail("id2label key '" + key.substr(0, 60) + "' is not a number");
            }
            if (!value.is_string())
                labels.fail("id2label[" + key.substr(0, 60) + "] must be a string");
            c.id2label[id] = value.get<std::string>();
        }
    });
    r.read("num_labels", c.num_labels);
    if (!c.id2label.empty())
        c.num_labels = static_cast<int>(c.id2label.size());
}

// A positive, finite number (layer-norm eps, IPA's epsilon): zero or less gives NaN, not an error.
void requirePositive(const char* name, double value, const FieldReader& r) {
    if (!(value > 0) || !std::isfinite(value))
        r.fail(std::string(name) + " " + std::to_string(value) + " must be a positive number");
}

void requireFraction(const char* name, double value, const FieldReader& r) {
    if (!(value >= 0 && value < 1))
        r.fail(std::string(name) + " " + std::to_string(value) + " must be at least 0 and below 1");
}

// Every size an ESMFold module is built from, bounded before anything is built (esmfold_v1's are
// within a small factor of 1 for each) and checked for what the layers divide.
void validateEsmFold(const EsmFoldConfig& fold, const FieldReader& r) {
    const TrunkConfig& t = fold.trunk;
    const StructureModuleConfig& sm = t.structure_module;
    for (auto [name, value, most] : {std::tuple{"trunk.num_blocks", t.num_blocks, 1000},
                                     {"trunk.sequence_state_dim", t.sequence_state_dim, 65536},
                                     {"trunk.pairwise_state_dim", t.pairwise_state_dim, 4096},
                                     {"trunk.sequence_head_width", t.sequence_head_width, 65536},
                                     {"trunk.pairwise_head_width", t.pairwise_head_width, 4096},
                                     {"trunk.max_recycles", t.max_recycles, 1000},
                                     {"trunk.position_bins", t.position_bins, 1 << 16},
                                     {"trunk.chunk_size", t.chunk_size.value_or(1), 1 << 20},
                                     {"structure_module.num_blocks", sm.num_blocks, 1000},
                                     {"structure_module.sequence_dim", sm.sequence_dim, 65536},
                                     {"structure_module.pairwise_dim", sm.pairwise_dim, 4096},
                                     {"structure_module.ipa_dim", sm.ipa_dim, 65536},
                                     {"structure_module.resnet_dim", sm.resnet_dim, 65536},
                                     {"structure_module.num_heads_ipa", sm.num_heads_ipa, 1024},
                                     {"structure_module.num_qk_points", sm.num_qk_points, 1024},
                                     {"structure_module.num_v_points", sm.num_v_points, 1024},
                                     {"structure_module.num_transition_layers", sm.num_transition_layers, 64},
                                     {"structure_module.num_resnet_blocks", sm.num_resnet_blocks, 64},
                                     {"lddt_head_hid_dim", fold.lddt_head_hid_dim, 65536}})
        if (value <= 0 || value > most)
            r.fail(std::string(name) + " " + std::to_string(value) + " is outside any ESMFold model (1 to " +
                   std::to_string(most) + ")");
    if (t.sequence_state_dim % t.sequence_head_width || t.pairwise_state_dim % t.pairwise_head_width)
        r.fail("trunk state dims must be multiples of their head widths (sequence " +
               std::to_string(t.sequence_state_dim) + " / " + std::to_string(t.sequence_head_width) +
               ", pairwise " + std::to_string(t.pairwise_state_dim) + " / " +
               std::to_string(t.pairwise_head_width) + ")");
    if (t.pairwise_state_dim % 2)
        r.fail("trunk.pairwise_state_dim must be even (the sequence-to-pair projection splits it in halves)");
    // The structure module's torsion angles are the 7 of the residue geometry (omega, phi, psi, chi1-4).
    if (sm.num_angles != 7)
        r.fail("structure_module.num_angles " + std::to_string(sm.num_angles) +
               " is not 7, the torsion angles of ESMFold's residue geometry");
    requirePositive("structure_module.epsilon", sm.epsilon, r);
    requirePositive("structure_module.inf", sm.inf, r);
    requirePositive("structure_module.trans_scale_factor", sm.trans_scale_factor, r);
    requireFraction("structure_module.dropout_rate", sm.dropout_rate, r);
    requireFraction("trunk.dropout", t.dropout, r);
    requireFraction("trunk.layer_drop", t.layer_drop, r);
    requireFraction("esm_input_dropout", fold.esm_input_dropout, r);
}

void validate(const EsmConfig& c, const FieldReader& r) {
    if (c.model_type != "esm")
        r.fail("model_type is '" + c.model_type.substr(0, 60) + "', not 'esm' (not an ESM model)");
    if (!c.vocab_size)
        r.fail("vocab_size is missing");
    if (!c.pad_token_id)
        r.fail("pad_token_id is missing");
    if (c.token_dropout && !c.mask_token_id)
        r.fail("token_dropout needs mask_token_id");
    for (auto [name, value] : {std::pair{"hidden_size", c.hidden_size},
                               {"num_hidden_layers", c.num_hidden_layers},
                               {"num_attention_heads", c.num_attention_heads},
                               {"intermediate_size", c.intermediate_size},
                               {"vocab_size", *c.vocab_size},
                               {"max_position_embeddings", c.max_position_embeddings}})
        if (value <= 0)
            r.fail(std::string(name) + " must be positive");
    // Far beyond any ESM model (esm2_t48_15B: 48 layers of 5,120), checked before a module is
    // built: a hostile config.json must not allocate gigabytes first.
    for (auto [name, value, most] : {std::tuple{"hidden_size", c.hidden_size, 65536},
                                     {"num_hidden_layers", c.num_hidden_layers, 1000},
                                     {"num_attention_heads", c.num_attention_heads, 1024},
                                     {"intermediate_size", c.intermediate_size, 1 << 18},
                                     {"vocab_size", *c.vocab_size, 1 << 20},
                                     {"max_position_embeddings", c.max_position_embeddings, 1 << 20},
                                     {"num_labels", c.num_labels, 1 << 20}})
        if (value > most)
            r.fail(std::string(name) + " " + std::to_string(value) + " is beyond any ESM model (at most " +
                   std::to_string(most) + ")");
    if (c.esmfold_config)
        validateEsmFold(*c.esmfold_config, r);
    requirePositive("layer_norm_eps", c.layer_norm_eps, r);
    requireFraction("hidden_dropout_prob", c.hidden_dropout_prob, r);
    requireFraction("attention_probs_dropout_prob", c.attention_probs_dropout_prob, r);
    if (c.hidden_size % c.num_attention_heads)
        r.fail("hidden_size " + std::to_string(c.hidden_size) + " is not a multiple of num_attention_heads " +
               std::to_string(c.num_attention_heads));
    if (c.position_embedding_type != "absolute" && c.position_embedding_type != "rotary")
        r.fail("position_embedding_type '" + c.position_embedding_type.substr(0, 60) +
               "' is not supported (ESM models use 'rotary' or 'absolute')");
    if (c.isRotary() && c.headDim() % 2)
        r.fail("rotary embeddings need an even head size");
    if (c.hidden_act != "gelu")
        logWarning(r.source() + ": hidden_act '" + c.hidden_act.substr(0, 60) +
                   "' ignored: ESM layers always use the exact (erf) GELU, as HuggingFace does");
}

} // namespace

const std::vector<std::string>& defaultEsmVocabulary() {
    static const std::vector<std::string> vocabulary{
        "<cls>", "<pad>", "<eos>", "<unk>", "L", "A", "G", "V", "S", "E",        "R",
        "T",     "I",     "D",     "P",     "K", "Q", "N", "F", "Y", "M",        "H",
        "W",     "C",     "X",     "B",     "U", "Z", "O", ".", "-", "<null_1>", "<mask>"};
    return vocabulary;
}

EsmConfig parseEsmConfig(const std::string& jsonText, const std::string& source) {
    const Json json = parseJsonText(jsonText, source);
    FieldReader r(json, "", source);
    EsmConfig c;
    r.read("vocab_size", c.vocab_size);
    r.read("mask_token_id", c.mask_token_id);
    r.read("pad_token_id", c.pad_token_id);
    r.read("hidden_size", c.hidden_size);
    r.read("num_hidden_layers", c.num_hidden_layers);
    r.read("num_attention_heads", c.num_attention_heads);
    r.read("intermediate_size", c.intermediate_size);
    r.read("hidden_act", c.hidden_act);
    r.read("hidden_dropout_prob", c.hidden_dropout_prob);
    r.read("attention_probs_dropout_prob", c.attention_probs_dropout_prob);
    r.read("max_position_embeddings", c.max_position_embeddings);
    r.read("initializer_range", c.initializer_range);
    r.read("layer_norm_eps", c.layer_norm_eps);
    r.read("position_embedding_type", c.position_embedding_type);
    r.read("use_cache", c.use_cache);
    r.read("classifier_dropout", c.classifier_dropout);
    r.read("emb_layer_norm_before", c.emb_layer_norm_before);
    r.read("token_dropout", c.token_dropout);
    r.read("is_folding_model", c.is_folding_model);
    r.object("esmfold_config", [&](const FieldReader& f) { c.esmfold_config = readEsmFold(f); });
    r.read("vocab_list", c.vocab_list);
    r.read("architectures", c.architectures);
    r.read("model_type", c.model_type);
    r.read("problem_type", c.problem_type);
    r.read("torch_dtype", c.torch_dtype);
    r.read("transformers_version", c.transformers_version);
    readLabels(r, c);
    r.accept(kGenericFields);
    r.warnAboutTheRest();

    if (c.is_folding_model && !c.esmfold_config)
        c.esmfold_config = EsmFoldConfig{};
    if (c.vocab_list.empty())
        c.vocab_list = defaultEsmVocabulary();
    validate(c, r);
    return c;
}

namespace {

Json structureModuleJson(const StructureModuleConfig& c) {
    return {{"sequence_dim", c.sequence_dim},
            {"pairwise_dim", c.pairwise_dim},
            {"ipa_dim", c.ipa_dim},
            {"resnet_dim", c.resnet_dim},
            {"num_heads_ipa", c.num_heads_ipa},
            {"num_qk_points", c.num_qk_points},
            {"num_v_points", c.num_v_points},
            {"dropout_rate", c.dropout_rate},
            {"num_blocks", c.num_blocks},
            {"num_transition_layers", c.num_transition_layers},
            {"num_resnet_blocks", c.num_resnet_blocks},
            {"num_angles", c.num_angles},
            {"trans_scale_factor", c.trans_scale_factor},
            {"epsilon", c.epsilon},
            {"inf", c.inf}};
}

Json esmFoldJson(const EsmFoldConfig& c) {
    const TrunkConfig& t = c.trunk;
    Json trunk{{"num_blocks", t.num_blocks},
               {"sequence_state_dim", t.sequence_state_dim},
               {"pairwise_state_dim", t.pairwise_state_dim},
               {"sequence_head_width", t.sequence_head_width},
               {"pairwise_head_width", t.pairwise_head_width},
               {"position_bins", t.position_bins},
               {"dropout", t.dropout},
               {"layer_drop", t.layer_drop},
               {"cpu_grad_checkpoint", t.cpu_grad_checkpoint},
               {"max_recycles", t.max_recycles},
               {"structure_module", structureModuleJson(t.structure_module)}};
    trunk["chunk_size"] = t.chunk_size ? Json(*t.chunk_size) : Json();
    Json out{{"fp16_esm", c.fp16_esm},
             {"use_esm_attn_map", c.use_esm_attn_map},
             {"esm_ablate_pairwise", c.esm_ablate_pairwise},
             {"esm_ablate_sequence", c.esm_ablate_sequence},
             {"esm_input_dropout", c.esm_input_dropout},
             {"embed_aa", c.embed_aa},
             {"bypass_lm", c.bypass_lm},
             {"lddt_head_hid_dim", c.lddt_head_hid_dim},
             {"trunk", trunk}};
    out["esm_type"] = c.esm_type ? Json(*c.esm_type) : Json();
    return out;
}

} // namespace

std::string toConfigJson(const EsmConfig& c) {
    Json j{{"architectures", c.architectures},
           {"model_type", c.model_type},
           {"hidden_size", c.hidden_size},
           {"num_hidden_layers", c.num_hidden_layers},
           {"num_attention_heads", c.num_attention_heads},
           {"intermediate_size", c.intermediate_size},
           {"hidden_act", c.hidden_act},
           {"hidden_dropout_prob", c.hidden_dropout_prob},
           {"attention_probs_dropout_prob", c.attention_probs_dropout_prob},
           {"max_position_embeddings", c.max_position_embeddings},
           {"initializer_range", c.initializer_range},
           {"layer_norm_eps", c.layer_norm_eps},
           {"position_embedding_type", c.position_embedding_type},
           {"use_cache", c.use_cache},
           {"token_dropout", c.token_dropout},
           {"is_folding_model", c.is_folding_model},
           {"vocab_list", c.vocab_list},
           {"torch_dtype", c.torch_dtype.empty() ? "float32" : c.torch_dtype}};
    auto optional = [&](const char* key, const auto& value) { j[key] = value ? Json(*value) : Json(); };
    optional("vocab_size", c.vocab_size);
    optional("mask_token_id", c.mask_token_id);
    optional("pad_token_id", c.pad_token_id);
    optional("classifier_dropout", c.classifier_dropout);
    optional("emb_layer_norm_before", c.emb_layer_norm_before);
    j["esmfold_config"] = c.esmfold_config ? esmFoldJson(*c.esmfold_config) : Json();
    if (!c.id2label.empty()) {
        Json labels = Json::object(), ids = Json::object();
        for (const auto& [id, label] : c.id2label) {
            labels[std::to_string(id)] = label;
            ids[label] = id;
        }
        j["id2label"] = labels;
        j["label2id"] = ids;
    }
    if (c.problem_type)
        j["problem_type"] = *c.problem_type;
    return j.dump(2);
}

EsmConfig readEsmConfig(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        throw Error(path.parent_path().string() + ": no config.json (not a HuggingFace model folder)");
    return parseEsmConfig(readRegularFile(path), path.string());
}

} // namespace esm
