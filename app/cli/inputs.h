// The sequences a command works on: --fasta FILE or --sequence SEQ..., with their ids.
#pragma once

#include "args.h"

#include <string>
#include <vector>

namespace cli {

struct InputRecord {
    std::string id;       // FASTA id, or seq0, seq1, ... for --sequence
    std::string sequence; // validated residues, ':' between chains where allowed
};

enum class Chains { Single, Allowed };
// Language-model commands take the tokenizer's special tokens (<mask>, ...) where it takes them;
// their positions hold marker characters (core/structure/sequence.h).
enum class Tokens { ResiduesOnly, SpecialAllowed };

// Adds --fasta and --sequence to `args`.
void addSequenceOptions(Args& args);
// Reads and validates the records (tolerant of case and white space in --sequence); Error for
// invalid residues, duplicate ids, and ':' when only single chains make sense.
std::vector<InputRecord> readInputRecords(const Args& args, Chains chains,
                                          Tokens tokens = Tokens::ResiduesOnly);

// What esmx fold writes for a record that failed: ID.failed.json.
inline constexpr const char* kFailedSuffix = ".failed.json";

// A record id as a file name: characters other than letters, digits and ._-|+ become '_'; an id
// longer than 200 characters is cut and given a hash of the whole.
std::string fileStemOf(const std::string& id);

} // namespace cli
