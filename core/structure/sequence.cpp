#include "core/structure/sequence.h"

#include "core/base/error.h"
#include "core/structure/residue_names.h"

#include <algorithm>
#include <cctype>

namespace esm {
namespace {

constexpr char kChainBreak = ':';
constexpr char kStop = '*';

std::string describe(char c) {
    if (std::isprint(static_cast<unsigned char>(c)))
        return std::string("'") + c + "'";
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned char>(c));
    return code;
}

std::string reasonFor(char c, Sequence::Mode mode) {
    const auto u = static_cast<unsigned char>(c);
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

std::string Sequence::normalize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isspace(u))
            out.push_back(static_cast<char>(std::toupper(u)));
    }
    return out;
}

std::vector<SequenceIssue> Sequence::findIssues(std::string_view text, Mode mode) {
    // Offsets refer to `text` as given, so an editor can underline the very character.
    const bool tolerant = mode == Mode::Tolerant;
    auto skipped = [&](char c) { return tolerant && std::isspace(static_cast<unsigned char>(c)); };
    auto letter = [&](char c) { return tolerant ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c; };

    std::vector<std::size_t> kept; // offsets of the characters that count
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!skipped(text[i]))
            kept.push_back(i);
    if (!kept.empty() && text[kept.back()] == kStop)
        kept.pop_back();

    std::vector<SequenceIssue> issues;
    if (kept.empty()) {
        issues.push_back({0, 0, "the sequence is empty"});
        return issues;
    }
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const char c = letter(text[kept[k]]);
        if (c == kChainBreak) {
            const bool emptyChain = k == 0 || k + 1 == kept.size() || text[kept[k + 1]] == kChainBreak;
            if (emptyChain)
                issues.push_back({kept[k], c, "':' must separate two non-empty chains"});
        } else if (!isSequenceLetter(c)) {
            issues.push_back({kept[k], text[kept[k]], reasonFor(text[kept[k]], mode)});
        }
    }
    return issues;
}

Sequence Sequence::parse(std::string_view text, Mode mode) {
    const auto issues = findIssues(text, mode);
    if (!issues.empty()) {
        const auto& first = issues.front();
        if (first.character == 0)
            throw Error(first.reason);
        throw Error("invalid character " + describe(first.character) + " at position " +
                    std::to_string(first.offset + 1) + ": " + first.reason);
    }
    std::string clean = mode == Mode::Tolerant ? normalize(text) : std::string(text);
    if (clean.back() == kStop)
        clean.pop_back();
    return Sequence(std::move(clean));
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

std::size_t Sequence::chainCount() const { return text_.empty() ? 0 : chains().size(); }

std::size_t Sequence::residueCount() const {
    return text_.size() - static_cast<std::size_t>(std::count(text_.begin(), text_.end(), kChainBreak));
}

} // namespace esm
