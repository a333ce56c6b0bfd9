// The residue axis the plots share: how a residue is named (author numbering with chain, as the
// document names positions) and which residues get a labelled tick.
#pragma once

#include <QFontMetricsF>
#include <QString>

#include <vector>

namespace esmui {

// labels[index], or index + 1 when there are no labels.
QString residueName(const std::vector<QString>& labels, int index);
// The width of the longest of the residues' names.
double widestResidueName(const QFontMetricsF& metrics, const std::vector<QString>& labels, int residues);
// The residues whose tick is labelled along `length` pixels: the first and every step-th, the step
// the first of 1, 2, 5, 10, 20, 50 … that leaves `spacing` pixels between labels.
std::vector<int> residueTicks(double length, int residues, double spacing);

} // namespace esmui
