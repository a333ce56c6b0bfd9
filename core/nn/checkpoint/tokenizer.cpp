#include "core/nn/checkpoint/tokenizer.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace esm {
namespace {

// Python's str.split() separators within ASCII, including the file/group/record/unit separators.
bool isPythonSpace(unsigned char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

long indexOf(const std::vector<std::string>& vocabulary, const std::string& token, const std::string& what) {
    const auto it = std::find(vocabulary.begin(), vocabulary.end(), token);
    if (it == vocabulary.end())
        throw Error("vocabulary has no " + what + " token '" + token + "'");
    return static_cast<long>(it - vocabulary.begin());
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

} // namespace

EsmTokenizer::EsmTokenizer(std::vector<std::string> vocabulary) : vocabulary_(std::move(vocabulary)) {
    // A token listed twice would map to two ids; which one a model was trained with is unknowable.
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < vocabulary_.size(); ++i)
        if (const auto [it, inserted] = first.emplace(vocabulary_[i], i); !inserted)
            throw Error("the vocabulary lists '" + vocabulary_[i].substr(0, 40) + "' twice (lines " +
                        std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")");
    cls_ = indexOf(vocabulary_, "<cls>", "class");
    pad_ = indexOf(vocabulary_, "<pad>", "padding");
    eos_ = indexOf(vocabulary_, "<eos>", "end");
    unk_ = indexOf(vocabulary_, "<unk>", "unknown");
    mask_ = indexOf(vocabulary_, "<mask>", "mask");
}

EsmTokenizer EsmTokenizer::fromFile(const std::filesystem::path& vocabFile) {
    if (!std::filesystem::exists(vocabFile))
        throw Error(vocabFile.parent_path().string() + ": no vocab.txt (the ESM tokenizer's vocabulary)");
    std::istringstream in(readRegularFile(vocabFile));
    std::vector<std::string> vocabulary;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        vocabulary.push_back(line);
    }
    while (!vocabulary.empty() && vocabulary.back().empty())
        vocabulary.pop_back();
    try {
        return EsmTokenizer(std::move(vocabulary));
    } catch (const Error& e) {
        throw Error(vocabFile.string() + ": " + e.what());
    }
}

std::size_t EsmTokenizer::longestTokenAt(const std::string& text, std::size_t pos) const {
    std::size_t best = 0;
    for (const auto& token : vocabulary_)
        if (token.size() > best && text.compare(pos, token.size(), token) == 0)
            best = token.size();
    return best;
}

std::vector<std::string> EsmTokenizer::tokenize(const std::string& text) const {
    std::vector<std::string> tokens;
    std::string pending;
    auto flushPending = [&] {
        std::string word;
        for (char c : pending) {
            if (isPythonSpace(static_cast<unsigned char>(c))) {
                if (!word.empty())
                    tokens.push_back(std::move(word));
                word.clear();
            } else {
                word.push_back(c);
            }
        }
        if (!word.empty())
            tokens.push_back(std::move(word));
        pending.clear();
    };
    for (std::size_t pos = 0; pos < text.size();) {
        if (const std::size_t length = longestTokenAt(text, pos)) {
            flushPending();
            tokens.push_back(text.substr(pos, length));
            pos += length;
        } else {
            pending.push_back(text[pos++]);
        }
    }
    flushPending();
    return tokens;
}

long EsmTokenizer::tokenToId(const std::string& token) const {
    const auto it = std::find(vocabulary_.begin(), vocabulary_.end(), token);
    return it == vocabulary_.end() ? unk_ : static_cast<long>(it - vocabulary_.begin());
}

std::string EsmTokenizer::idToToken(long id) const {
    if (id < 0 || id >= static_cast<long>(vocabulary_.size()))
        throw Error("token id " + std::to_string(id) + " is outside the vocabulary of " +
                    std::to_string(vocabulary_.size()));
    return vocabulary_[static_cast<std::size_t>(id)];
}

std::vector<std::string> EsmTokenizer::idsToTokens(const std::vector<long>& ids) const {
    std::vector<std::string> tokens;
    for (long id : ids)
        tokens.push_back(idToToken(id));
    return tokens;
}

std::vector<long> EsmTokenizer::encode(const std::string& text, const std::optional<std::string>& pair,
                                       bool addSpecialTokens, std::optional<std::size_t> maxLength) const {
    auto ids = [&](const std::string& part) {
        std::vector<long> out;
        for (const auto& token : tokenize(part))
            out.push_back(tokenToId(token));
        return out;
    };
    std::vector<long> first = ids(text);
    std::vector<long> second = pair ? ids(*pair) : std::vector<long>{};
    const std::size_t specials = addSpecialTokens ? (pair ? 3 : 2) : 0;
    const std::size_t total = first.size() + second.size() + specials;
    if (maxLength && total > *maxLength) {
        // HuggingFace's longest_first: trim the longer part one token at a time.
        for (std::size_t excess = total - *maxLength; excess > 0 && (!first.empty() || !second.empty());
             --excess)
            (first.size() >= second.size() ? first : second).pop_back();
    }
    std::vector<long> out;
    if (addSpecialTokens)
        out.push_back(cls_);
    out.insert(out.end(), first.begin(), first.end());
    if (addSpecialTokens)
        out.push_back(eos_);
    if (pair) {
        out.insert(out.end(), second.begin(), second.end());
        if (addSpecialTokens)
            out.push_back(eos_);
    }
    return out;
}

bool EsmTokenizer::isSpecial(long id) const {
    return id == cls_ || id == pad_ || id == eos_ || id == unk_ || id == mask_;
}

std::string EsmTokenizer::decode(const std::vector<long>& ids, bool skipSpecialTokens) const {
    std::string text;
    for (long id : ids) {
        if (skipSpecialTokens && isSpecial(id))
            continue;
        if (!text.empty())
            text.push_back(' ');
        text += idToToken(id);
    }
    for (const auto& [from, to] : {std::pair<std::string, std::string>{" .", "."},
                                   {" ?", "?"},
                                   {" !", "!"},
                                   {" ,", ","},
                                   {" ' ", "'"},
                                   {" n't", "n't"},
                                   {" 'm", "'m"},
                                   {" 's", "'s"},
                                   {" 've", "'ve"},
                                   {" 're", "'re"}})
        replaceAll(text, from, to);
    return text;
}

std::vector<int> EsmTokenizer::specialTokensMask(std::size_t firstLength,
                                                 std::optional<std::size_t> secondLength) const {
    std::vector<int> mask{1};
    mask.insert(mask.end(), firstLength, 0);
    mask.push_back(1);
    if (secondLength) {
        mask.insert(mask.end(), *secondLength, 0);
        mask.push_back(1);
    }
    return mask;
}

std::vector<int> EsmTokenizer::specialIdsMask(const std::vector<long>& ids) const {
    std::vector<int> mask;
    for (long id : ids)
        mask.push_back(isSpecial(id) ? 1 : 0);
    return mask;
}

} // namespace esm
