// FASTA: multi-record, wrapped lines, '>' headers, lower case, terminal '*', blank lines, CRLF or
// CR-only line ends, a UTF-8 byte-order mark. A record longer than kMostResidues is refused where
// the reader passes that length, before the rest of the file is read.
#pragma once

#include "core/structure/sequence.h"

#include <filesystem>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace esm {

struct FastaRecord {
    std::string id;          // first word of the header
    std::string description; // the rest of the header
    Sequence sequence;
};

// Throws Error with "source:line:column" naming the first invalid character. Language-model inputs
// pass Alphabet::WithSpecialTokens to accept <mask> and the other special tokens.
std::vector<FastaRecord> readFasta(std::istream& in, const std::string& sourceName,
                                   Sequence::Alphabet alphabet = Sequence::Alphabet::Residues);
std::vector<FastaRecord> readFastaText(std::string_view text, const std::string& sourceName,
                                       Sequence::Alphabet alphabet = Sequence::Alphabet::Residues);
std::vector<FastaRecord> readFastaFile(const std::filesystem::path& path,
                                       Sequence::Alphabet alphabet = Sequence::Alphabet::Residues);

// Wraps sequence lines at `width` residues (0: no wrapping).
void writeFasta(std::ostream& out, const std::vector<FastaRecord>& records, int width = 60);

} // namespace esm
