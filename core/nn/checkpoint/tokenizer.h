// EsmTokenizer exactly as HuggingFace's slow tokenizer behaves: every vocabulary entry splits
// the text, white space is dropped, and each run of other characters becomes one <unk>.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace esm {

class EsmTokenizer {
  public:
    explicit EsmTokenizer(std::vector<std::string> vocabulary);
    // vocab.txt: one token per line.
    static EsmTokenizer fromFile(const std::filesystem::path& vocabFile);

    // The token strings of `text` (no special tokens added); runs of unknown characters stay as
    // written, e.g. "MKta" -> {"M", "K", "ta"}.
    std::vector<std::string> tokenize(const std::string& text) const;
    // <cls> text <eos> [pair <eos>]; truncated to `maxLength` tokens (keeping <eos>) when given.
    std::vector<long> encode(const std::string& text, const std::optional<std::string>& pair = std::nullopt,
                             bool addSpecialTokens = true,
                             std::optional<std::size_t> maxLength = std::nullopt) const;
    long tokenToId(const std::string& token) const; // <unk> for anything not in the vocabulary
    std::string idToToken(long id) const;
    std::vector<std::string> idsToTokens(const std::vector<long>& ids) const;
    // Tokens joined by spaces, then HuggingFace's clean_up_tokenization_spaces.
    std::string decode(const std::vector<long>& ids, bool skipSpecialTokens = false) const;
    // 1 where encode() adds special tokens around parts of these lengths (HuggingFace's
    // get_special_tokens_mask without special tokens).
    std::vector<int> specialTokensMask(std::size_t firstLength,
                                       std::optional<std::size_t> secondLength) const;
    // 1 for every special id in ids that already hold special tokens.
    std::vector<int> specialIdsMask(const std::vector<long>& ids) const;

    long clsId() const { return cls_; }
    long padId() const { return pad_; }
    long eosId() const { return eos_; }
    long unkId() const { return unk_; }
    long maskId() const { return mask_; }
    std::size_t vocabularySize() const { return vocabulary_.size(); }
    bool isSpecial(long id) const;

  private:
    std::size_t longestTokenAt(const std::string& text, std::size_t pos) const;
    std::vector<std::string> vocabulary_;
    long cls_, pad_, eos_, unk_, mask_;
};

} // namespace esm
