// HuggingFace's EsmConfig (and the nested EsmFoldConfig) read from config.json, with every field
// and its HuggingFace default. Wrong types are errors; fields HuggingFace would ignore are warnings.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace esm {

struct StructureModuleConfig {
    int sequence_dim = 384;
    int pairwise_dim = 128;
    int ipa_dim = 16;
    int resnet_dim = 128;
    int num_heads_ipa = 12;
    int num_qk_points = 4;
    int num_v_points = 8;
    double dropout_rate = 0.1;
    int num_blocks = 8;
    int num_transition_layers = 1;
    int num_resnet_blocks = 2;
    int num_angles = 7;
    double trans_scale_factor = 10.0;
    double epsilon = 1e-8;
    double inf = 1e5;
};

struct TrunkConfig {
    int num_blocks = 48;
    int sequence_state_dim = 1024;
    int pairwise_state_dim = 128;
    int sequence_head_width = 32;
    int pairwise_head_width = 32;
    int position_bins = 32;
    double dropout = 0.0;
    double layer_drop = 0.0;
    bool cpu_grad_checkpoint = false;
    int max_recycles = 4;
    std::optional<int> chunk_size = 128;
    StructureModuleConfig structure_module;
};

struct EsmFoldConfig {
    std::optional<std::string> esm_type;
    bool fp16_esm = true;
    bool use_esm_attn_map = false;
    bool esm_ablate_pairwise = false;
    bool esm_ablate_sequence = false;
    double esm_input_dropout = 0.0;
    bool embed_aa = true;
    bool bypass_lm = false;
    int lddt_head_hid_dim = 128;
    TrunkConfig trunk;
};

struct EsmConfig {
    // EsmConfig's own fields
    std::optional<int> vocab_size;
    std::optional<int> mask_token_id;
    std::optional<int> pad_token_id;
    int hidden_size = 768;
    int num_hidden_layers = 12;
    int num_attention_heads = 12;
    int intermediate_size = 3072;
    std::string hidden_act = "gelu";
    double hidden_dropout_prob = 0.1;
    double attention_probs_dropout_prob = 0.1;
    int max_position_embeddings = 1026;
    double initializer_range = 0.02;
    double layer_norm_eps = 1e-12;
    std::string position_embedding_type = "absolute";
    bool use_cache = true;
    std::optional<double> classifier_dropout;
    std::optional<bool> emb_layer_norm_before;
    bool token_dropout = false;
    bool is_folding_model = false;
    std::optional<EsmFoldConfig> esmfold_config; // set (with defaults) for folding models
    std::vector<std::string> vocab_list;         // the default ESM vocabulary when absent

    // PretrainedConfig fields ESM Explorer uses
    std::vector<std::string> architectures;
    std::string model_type = "esm";
    std::map<int, std::string> id2label;
    int num_labels = 2;
    std::optional<std::string> problem_type;
    std::string torch_dtype;
    std::string transformers_version;

    bool isRotary() const { return position_embedding_type == "rotary"; }
    int headDim() const { return hidden_size / num_attention_heads; }
};

// Throws Error "config.json: ..." naming the field; warnings go to the log.
EsmConfig parseEsmConfig(const std::string& jsonText, const std::string& source);
EsmConfig readEsmConfig(const std::filesystem::path& path);

// config.json text for `config` (every field, HuggingFace's names), e.g. for generated test models.
std::string toConfigJson(const EsmConfig& config);

// The vocabulary ESM-2, ESM-1b and ESMFold use (HuggingFace's get_default_vocab_list).
const std::vector<std::string>& defaultEsmVocabulary();

} // namespace esm
