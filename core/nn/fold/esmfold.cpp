// Follows transformers/models/esm/modeling_esmfold.py EsmForProteinFolding (forward,
// af2_idx_to_esm_idx, compute_language_model_representations).
#include "core/nn/fold/esmfold.h"

#include "core/nn/fold/confidence.h"
#include "core/structure/residue_constants.h"

#include <algorithm>

namespace esm::nn {
namespace {

constexpr int kDistogramBins = 64;
constexpr int kLddtBins = 50;

int vocabularyIndex(const std::vector<std::string>& vocabulary, const std::string& token) {
    const auto it = std::find(vocabulary.begin(), vocabulary.end(), token);
    return it == vocabulary.end() ? -1 : static_cast<int>(it - vocabulary.begin());
}

// Sequential layers stored as nn.Sequential: a holder module with numbered children.
std::shared_ptr<torch::nn::Module> sequential(torch::nn::Module& parent, const std::string& name) {
    return parent.register_module(name, std::make_shared<torch::nn::Module>());
}

} // namespace

std::vector<std::pair<std::string, at::Tensor>> EsmFoldOutput::named() const {
    return {{"frames", frames},
            {"sidechain_frames", sidechain_frames},
            {"unnormalized_angles", unnormalized_angles},
            {"angles", angles},
            {"positions", positions},
            {"states", states},
            {"s_s", s_s},
            {"s_z", s_z},
            {"distogram_logits", distogram_logits},
            {"lm_logits", lm_logits},
            {"aatype", aatype},
            {"atom14_atom_exists", atom14_atom_exists},
            {"residx_atom14_to_atom37", residx_atom14_to_atom37},
            {"residx_atom37_to_atom14", residx_atom37_to_atom14},
            {"atom37_atom_exists", atom37_atom_exists},
            {"residue_index", residue_index},
            {"lddt_head", lddt_head},
            {"plddt", plddt},
            {"ptm_logits", ptm_logits},
            {"ptm", ptm},
            {"aligned_confidence_probs", aligned_confidence_probs},
            {"predicted_aligned_error", predicted_aligned_error},
            {"max_predicted_aligned_error", max_predicted_aligned_error}};
}

EsmForProteinFolding::EsmForProteinFolding(const EsmConfig& config) : config_(config) {
    const EsmFoldConfig& fold = *config.esmfold_config;
    const TrunkConfig& trunk = fold.trunk;
    const std::int64_t cs = trunk.sequence_state_dim, cz = trunk.pairwise_state_dim;
    esm_ = child(*this, "esm", std::make_shared<EsmModel>(config));

    // af2_to_esm[aatype + 1]: <pad> for padding, then the ESM id of each AlphaFold residue type.
    std::vector<std::int64_t> af2ToEsm{vocabularyIndex(config.vocab_list, "<pad>")};
    for (int r = 0; r < residue::kRestypeCountWithX; ++r)
        af2ToEsm.push_back(vocabularyIndex(config.vocab_list, std::string(1, residue::restypeLetter(r))));
    af2_to_esm_ = register_buffer("af2_to_esm", at::tensor(af2ToEsm, at::kLong));
    esm_s_combine_ = emptyParameter(*this, "esm_s_combine", {config.num_hidden_layers + 1});

    auto mlp = sequential(*this, "esm_s_mlp");
    esm_s_mlp_norm_ = child(*mlp, "0", std::make_shared<LayerNorm>(config.hidden_size, 1e-5));
    esm_s_mlp_in_ = linearChild(*mlp, "1", config.hidden_size, cs);
    esm_s_mlp_out_ = linearChild(*mlp, "3", cs, cs);
    embedding_ = child(*this, "embedding", std::make_shared<Embedding>(residue::kRestypeCount + 3, cs));
    trunk_ = child(*this, "trunk", std::make_shared<EsmFoldingTrunk>(trunk));
    distogram_head_ = linearChild(*this, "distogram_head", cz, kDistogramBins);
    ptm_head_ = linearChild(*this, "ptm_head", cz, kDistogramBins);
    lm_head_ = linearChild(*this, "lm_head", cs, residue::kRestypeCount + 3);
    auto lddt = sequential(*this, "lddt_head");
    const std::int64_t sm = trunk.structure_module.sequence_dim, hidden = fold.lddt_head_hid_dim;
    lddt_norm_ = child(*lddt, "0", std::make_shared<LayerNorm>(sm, 1e-5));
    lddt_1_ = linearChild(*lddt, "1", sm, hidden);
    lddt_2_ = linearChild(*lddt, "2", hidden, hidden);
    lddt_3_ = linearChild(*lddt, "3", hidden, residue::kAtom37 * kLddtBins);
}

void EsmForProteinFolding::prepare(at::ScalarType trunkType, at::ScalarType structureType,
                                   at::Device device) {
    trunkType_ = trunkType;
    structureType_ = structureType;
    trunk_->setStructureType(structureType);
    tables_ = ResidueTables::make(structureType, device);
}

at::Tensor EsmForProteinFolding::languageModelStates(const at::Tensor& esmIds,
                                                     const FoldRequest& request) const {
    const int layers = config_.num_hidden_layers;
    EsmRequest lm;
    lm.hiddenStates = true;
    lm.onLayer = [&](int layer) {
        if (request.onLanguageModelLayer)
            request.onLanguageModelLayer(layer, layers);
    };
    const at::Tensor mask = esmIds.ne(*config_.pad_token_id).to(at::kLong);
    auto out = esm_->forward(esmIds, mask, lm);
    const at::Tensor states = at::stack(out.hiddenStates, 2); // [B, T, layers + 1, H]
    return states.slice(1, 1, states.size(1) - 1);            // drop <cls> and the last column
}

EsmFoldOutput EsmForProteinFolding::forward(const at::Tensor& aatype, const at::Tensor& mask,
                                            const at::Tensor& residx, const FoldRequest& request) const {
    const auto b = aatype.size(0), n = aatype.size(1);
    auto announce = [&](FoldStage stage) {
        if (request.trunk.onStage)
            request.trunk.onStage(stage, 0, request.recycles + 1);
    };
    announce(FoldStage::LanguageModel);

    // ESM ids: <cls> + residues + one more column, <eos> written after the last residue.
    const at::Tensor mapped = af2_to_esm_.index({(aatype + 1).masked_fill(mask.ne(1), 0)});
    const long pad = *config_.pad_token_id;
    const long cls = vocabularyIndex(config_.vocab_list, "<cls>"),
               eos = vocabularyIndex(config_.vocab_list, "<eos>");
    at::Tensor esmIds = at::cat(
        {at::full({b, 1}, cls, mapped.options()), mapped, at::full({b, 1}, pad, mapped.options())}, 1);
    const at::Tensor eosAt = esmIds.ne(pad).sum(1);
    esmIds.index_put_({at::arange(b, esmIds.options()), eosAt}, eos);

    at::Tensor esmStates = languageModelStates(esmIds, request).to(trunkType_);
    esmStates = at::matmul(at::softmax(esm_s_combine_, 0).unsqueeze(0), esmStates).squeeze(2); // [B, N, H]
    at::Tensor s0 =
        esm_s_mlp_out_->forward(at::relu(esm_s_mlp_in_->forward(esm_s_mlp_norm_->forward(esmStates))));
    // ESMFold embeds the 0-based AlphaFold index, so alanine shares row 0 with padding (as in fair-esm).
    s0 = s0 + embedding_->forward(aatype);
    const at::Tensor z0 =
        at::zeros({b, n, n, config_.esmfold_config->trunk.pairwise_state_dim}, s0.options());

    const at::Tensor maskValues = mask.to(trunkType_);
    TrunkCallbacks callbacks = request.trunk;
    if (request.onPass)
        callbacks.onPass = [&](int pass, int passes, const TrunkOutput& sofar) {
            if (request.trunk.onPass)
                request.trunk.onPass(pass, passes, sofar);
            if (pass + 1 < passes) {
                EsmFoldOutput preview = heads(sofar, aatype, mask, residx);
                preview.esm_input_ids = esmIds;
                request.onPass(pass, passes, preview);
            }
        };
    const TrunkOutput trunk = trunk_->forward(s0, z0, aatype, residx, maskValues, request.recycles + 1,
                                              request.chunkSize, tables_, callbacks);
    announce(FoldStage::Heads);
    EsmFoldOutput out = heads(trunk, aatype, mask, residx);
    out.esm_input_ids = esmIds;
    return out;
}

EsmFoldOutput EsmForProteinFolding::heads(const TrunkOutput& trunk, const at::Tensor& aatype,
                                          const at::Tensor& mask, const at::Tensor& residx) const {
    const auto b = aatype.size(0), n = aatype.size(1);
    EsmFoldOutput out;
    out.frames = trunk.structure.frames;
    out.sidechain_frames = trunk.structure.sidechain_frames;
    out.unnormalized_angles = trunk.structure.unnormalized_angles;
    out.angles = trunk.structure.angles;
    out.positions = trunk.structure.positions;
    out.states = trunk.structure.states;
    out.s_s = trunk.s_s;
    out.s_z = trunk.s_z;

    const at::Tensor disto = distogram_head_->forward(trunk.s_z);
    out.distogram_logits = (disto + disto.transpose(1, 2)) / 2;
    out.lm_logits = lm_head_->forward(trunk.s_s);
    out.aatype = aatype;
    AtomMasks masks = make_atom14_masks(aatype, tables_);
    out.atom14_atom_exists = masks.atom14_atom_exists * mask.unsqueeze(-1);
    out.residx_atom14_to_atom37 = masks.residx_atom14_to_atom37;
    out.residx_atom37_to_atom14 = masks.residx_atom37_to_atom14;
    out.atom37_atom_exists = masks.atom37_atom_exists * mask.unsqueeze(-1);
    out.residue_index = residx;

    const at::Tensor states = out.states;
    out.lddt_head = lddt_3_->forward(lddt_2_->forward(lddt_1_->forward(lddt_norm_->forward(states))))
                        .reshape({states.size(0), b, n, -1, kLddtBins});
    out.plddt = categorical_lddt(out.lddt_head[-1]);
    out.ptm_logits = ptm_head_->forward(trunk.s_z);
    out.ptm = compute_tm_huggingface(out.ptm_logits);
    auto pae = compute_predicted_aligned_error(out.ptm_logits);
    out.aligned_confidence_probs = pae.aligned_confidence_probs;
    out.predicted_aligned_error = pae.predicted_aligned_error;
    out.max_predicted_aligned_error = pae.max_predicted_aligned_error;
    return out;
}

} // namespace esm::nn
