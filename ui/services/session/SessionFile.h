// The .esmx session file: everything the user has done, so that reopening restores it without
// recomputing: the sequence and its edit history, the folds (structures, pLDDT, PAE, pTM), the
// language model's scores of the current sequence, the selection and the 3D view. JSON, with the
// structures as mmCIF text (any structure round-trips; older sessions' PDB text still opens);
// written atomically.
#pragma once

#include "ui/services/colouring/Colouring.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/ScoreService.h"

#include <optional>
#include <set>

namespace esmui {

// A structure shown beside the document's (ExtraStructures), as read; superposed again on opening.
struct SessionStructure {
    QString name;
    std::shared_ptr<const esm::Structure> structure;
    bool visible = true, superposed = false;
    Rgb colour{200, 200, 200};
};

struct Session {
    Document::Saved document;
    std::set<int> selection;
    QString languageModel, foldingModel, taskModel;
    esm::ScoreMode scoreMode = esm::ScoreMode::WildTypeMarginal;
    std::shared_ptr<const LanguageModelResult> scores; // of document.sequence, may be null
    QString style, colour;                             // 3D view: representation and colour scheme names
    std::vector<double> camera;                        // StructureView::cameraState()
    std::vector<SessionStructure> structures;          // beside the document's structure
};

// Throw esm::Error naming the path and what is wrong.
void writeSession(const QString& path, const Session& session);
Session readSession(const QString& path);

} // namespace esmui
