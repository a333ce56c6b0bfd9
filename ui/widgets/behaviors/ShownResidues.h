// Between the document's sequence positions and the residues of the structure the 3D view shows:
// the view may show a fold's preview (no positions) or another conformer of an NMR ensemble (the
// document pairs its positions with the first). Shared by the behaviours around the 3D view.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <Qt>

#include <set>
#include <vector>

namespace esmui {

// Whether the view shows the document's structure (not a fold's preview).
bool showsDocument(const Workspace& workspace);
// The view's residues of `positions` (those the structure has, in the conformer shown).
std::vector<int> shownResidues(const Workspace& workspace, const std::set<int>& positions);
// The view's residues of the selected positions.
std::vector<int> selectedShownResidues(const Workspace& workspace);
// The sequence position of a residue of the conformer shown, or -1.
int positionOfShown(const Workspace& workspace, int residue);
// Picking residue `residue` of the view (-1: empty space): selects its position; Shift extends
// the selection to it, Ctrl toggles it; a plain click on empty space clears the selection.
void pickShownResidue(const Workspace& workspace, int residue, Qt::KeyboardModifiers modifiers);

} // namespace esmui
