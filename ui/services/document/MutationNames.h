// How the GUI names a mutation: as the structure numbers the residue, with its chain where there
// is more than one ("B:I64F"; "G8W" for 5eep's first residue). The CLI's --mutations keep their
// 1-based positions over the residues; this is only what a person reads in the window.
#pragma once

#include <QString>

#include <vector>

namespace esmui {

// `positionLabel` is a Document::positionLabel: "64", or "B 64" when there are several chains.
// `from` is the residue there (or a special token's name, "<mask>").
QString mutationName(const QString& positionLabel, const QString& from, QChar to);

// The mutations that turn `from` into `to` when they have the same chains and lengths ("K2G, Y5W",
// "wild type"), else the change of length. `labels` name the residues of `from` in order; positions
// count 1, 2, … over the residues when there are none for every residue.
QString describeChanges(const QString& from, const QString& to, const std::vector<QString>& labels = {});

} // namespace esmui
