#include "inputs.h"

#include "core/base/error.h"
#include "core/io/fasta.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <set>

namespace cli {

void addSequenceOptions(Args& args) {
    args.option("fasta", "FILE", "read the sequences from a FASTA file");
    args.list("sequence", "SEQ", "one or more sequences (ids seq0, seq1, ...)");
}

std::vector<InputRecord> readInputRecords(const Args& args, Chains chains, Tokens tokens) {
    const auto alphabet = tokens == Tokens::SpecialAllowed ? esm::Sequence::Alphabet::WithSpecialTokens
                                                           : esm::Sequence::Alphabet::Residues;
    std::vector<InputRecord> records;
    if (args.requireOneOf({"fasta", "sequence"}) == "fasta") {
        for (const auto& r : esm::readFastaFile(args.value("fasta"), alphabet))
            records.push_back({r.id, r.sequence.text()});
    } else {
        int index = 0;
        for (const auto& text : args.values("sequence")) {
            const std::string id = "seq" + std::to_string(index++);
            try {
                records.push_back(
                    {id, esm::Sequence::parse(text, esm::Sequence::Mode::Tolerant, alphabet).text()});
            } catch (const esm::Error& e) {
                throw esm::Error("--sequence " + id + ": " + e.what());
            }
        }
    }
    std::set<std::string> seen;
    for (const auto& r : records) {
        if (!seen.insert(r.id).second)
            throw esm::Error("record id '" + r.id +
                             "' appears twice; ids name the outputs and must be unique");
        if (chains == Chains::Single && r.sequence.find(':') != std::string::npos)
            throw esm::Error("record '" + r.id +
                             "' has several chains (':'); the language model takes one chain "
                             "per record");
    }
    return records;
}

std::string fileStemOf(const std::string& id) {
    std::string stem;
    for (char c : id)
        stem.push_back(std::isalnum(static_cast<unsigned char>(c)) ||
                               std::string("._-|+").find(c) != std::string::npos
                           ? c
                           : '_');
    if (stem.empty() || stem[0] == '.')
        stem.insert(stem.begin(), '_'); // never a hidden file or "." / ".."
    // File names end at 255 bytes: a long id keeps its start and a hash of the whole (FNV-1a, the
    // same in every run, so that a resumed run finds its outputs).
    constexpr std::size_t kLongest = 200;
    if (stem.size() > kLongest) {
        std::uint64_t hash = 14695981039346656037ULL;
        for (char c : id)
            hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        char suffix[24];
        std::snprintf(suffix, sizeof suffix, "-%016llx", static_cast<unsigned long long>(hash));
        stem = stem.substr(0, kLongest - 17) + suffix;
    }
    return stem;
}

} // namespace cli
