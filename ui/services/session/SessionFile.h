// The .esmx session file: the whole document (Document::Saved), so that reopening restores it
// without recomputing: the sequence and its edit history, the folds (structures, pLDDT, PAE, pTM),
// the language model's scores of the current sequence, the selection, the model folders, the
// structures beside the document's and the 3D view. JSON, with the structures as mmCIF text (any
// structure round-trips; older sessions' PDB text still opens); written atomically.
#pragma once

#include "ui/services/document/Document.h"

namespace esmui {

// Throw esm::Error naming the path and what is wrong.
void writeSession(const QString& path, const Document::Saved& session);
Document::Saved readSession(const QString& path);

} // namespace esmui
