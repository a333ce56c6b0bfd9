#include "core/structure/sequence.h"

#include "core/base/error.h"
#include "core/structure/residue_names.h"

#include <algorithm>
#include <cctype>

namespace esm {
namespace {

constexpr char kChainBreak = ':';
constexpr char kStop = '*';
// The markers of kSpecialTokens, in the same order: characters no residue text contains.
constexpr std::string_view kMarkers = "\x01\x02\x03\x04\x05";

// The special token `text` starts with, as an index into kSpecialTokens, or -1.
int specialTokenAt(std::string_view text) {
    for (std::size_t i = 0; i < std::size(kSpecialTokens); ++i)
        if (text.substr(0, kSpecialTokens[i].size()) == kSpecialTokens[i])
            return int(i);
    return -1;
}

} // namespace

void requireProteinLength(std::size_t residues, const std::string& what) {
    if (residues > kMostResidues)
        throw Error(what + " has more than " + std::to_string(kMostResidues) +
                    " residues, longer than any protein (a nucleotide or genome file?)");
}

std::size_t residueCountOf(std::string_view text) {
    return text.size() - std::size_t(std::count(text.begin(), text.end(), ':'));
}

std::string describeCharacter(char c) {
    if (std::isprint(static_cast<unsigned char>(c)))
        return std::string("'") + c + "'";
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned char>(c));
    return code;
}

namespace {

std::string reasonFor(char c, Sequence::Mode mode, Sequence::Alphabet alphabet) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '<')
        return alphabet == Sequence::Alphabet::Residues
                   ? "'<' begins a special token such as <mask>, which only language-model inputs take"
                   : "'<' begins no special token (the tokenizer knows <mask>, <unk>, <cls>, <eos> and "
                     "<pad>)";
    if (std::isdigit(u))
        return "digits are not residues";
    if (c == kStop)
        return "'*' (stop) is only allowed at the end";
    if (std::isspace(u))
        return "white space is not allowed (tolerant mode drops it)";
    if (std::islower(u) && mode == Sequence::Mode::Strict)
        return "lower-case letter (tolerant mode upper-cases it)";
    if (std::isalpha(u))
        return "not an amino acid (allowed: the 20 standard residues, X, B, Z, U, O)";
    return "not a residue letter";
}

} // namespace

std::string_view specialTokenOf(char c) {
    const auto at = kMarkers.find(c);
    return at == std::string_view::npos ? std::string_view() : kSpecialTokens[at];
}

std::string tokenizerText(std::string_view sequenceText) {
    std::string text;
    for (char c : sequenceText) {
        const auto token = specialTokenOf(c);
        if (token.empty())
            text.push_back(c);
        else
            text += token;
    }
    return text;
}

std::string Sequence::normalize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (const int special = specialTokenAt(text.substr(i)); special >= 0) {
            out += kSpecialTokens[std::size_t(special)];
            i += kSpecialTokens[std::size_t(special)].size() - 1;
        } else if (!std::isspace(u)) {
            out.push_back(static_cast<char>(std::toupper(u)));
        }
    }
    return out;
}

namespace {

// One pass over the text: its problems, and the clean sequence text when there are none.
struct Scan {
    std::vector<SequenceIssue> issues;
    std::string clean;
};

Scan scan(std::string_view text, Sequence::Mode mode, Sequence::Alphabet alphabet) {
    // Offsets refer to `text` as given, so an editor can underline the very character.
    const bool tolerant = mode == Sequence::Mode::Tolerant;
    const bool specials = alphabet == Sequence::Alphabet::WithSpecialTokens;
    auto skipped = [&](char c) { return tolerant && std::isspace(static_cast<unsigned char>(c)); };
    auto letter = [&](char c) {
        return tolerant ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    };

    std::vector<std::size_t> kept; // offsets of the characters that count
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!skipped(text[i]))
            kept.push_back(i);
    if (!kept.empty() && text[kept.back()] == kStop)
        kept.pop_back();

    Scan result;
    if (kept.empty()) {
        result.issues.push_back({0, 0, "the sequence is empty"});
        return result;
    }
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const char c = letter(text[kept[k]]);
        const int special = specials && text[kept[k]] == '<' ? specialTokenAt(text.substr(kept[k])) : -1;
        if (special >= 0) {
            // A token is written without white space inside, so its characters are the next kept ones.
            const std::size_t length = kSpecialTokens[std::size_t(special)].size();
            result.clean.push_back(kMarkers[std::size_t(special)]);
            k += length - 1;
        } else if (c == kChainBreak) {
            const bool emptyChain = k == 0 || k + 1 == kept.size() || text[kept[k + 1]] == kChainBreak;
            if (emptyChain)
                result.issues.push_back({kept[k], c, "':' must separate two non-empty chains"});
            result.clean.push_back(c);
        } else if (!isSequenceLetter(c)) {
            result.issues.push_back({kept[k], text[kept[k]], reasonFor(text[kept[k]], mode, alphabet)});
        } else {
            result.clean.push_back(c);
        }
    }
    return result;
}

} // namespace

std::vector<SequenceIssue> Sequence::findIssues(std::string_view text, Mode mode, Alphabet alphabet) {
    return scan(text, mode, alphabet).issues;
}

Sequence Sequence::parse(std::string_view text, Mode mode, Alphabet alphabet) {
    Scan result = scan(text, mode, alphabet);
    if (!result.issues.empty()) {
        const auto& first = result.issues.front();
        if (first.character == 0)
            throw Error(first.reason);
        throw Error("invalid character " + describeCharacter(first.character) + " at position " +
                    std::to_string(first.offset + 1) + ": " + first.reason);
    }
    return Sequence(std::move(result.clean));
}

std::vector<std::string_view> Sequence::chains() const {
    std::vector<std::string_view> result;
    std::string_view rest = text_;
    while (!rest.empty()) {
        const auto end = rest.find(kChainBreak);
        result.push_back(rest.substr(0, end));
        if (end == std::string_view::npos)
            break;
        rest.remove_prefix(end + 1);
    }
    return result;
}

std::size_t Sequence::chainCount() const {
    return text_.empty() ? 0 : chains().size();
}

std::size_t Sequence::residueCount() const {
    return text_.size() - static_cast<std::size_t>(std::count(text_.begin(), text_.end(), kChainBreak));
}

} // namespace esm
