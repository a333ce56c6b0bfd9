// The structures shown beside the document's own, as ChimeraX's models: files added to the view
// and the opened structure a fold took the place of. Each is shown or hidden, drawn in its own
// colour, and may be superposed on the document's structure (residues paired by a global sequence
// alignment, then core/geometry), which gives its RMSD, TM-score and GDT-TS. A superposed entry
// follows the document's structure when that changes (a refold, another fold on show). A part of
// the Document: its changes are announced by the document's `changed` (ExtraStructuresChanged).
#pragma once

#include "core/geometry/compare.h"
#include "ui/services/colouring/Colouring.h"
#include "ui/services/document/FoldComparison.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace esmui {

class Document;

struct ExtraStructure {
    QString name;                                    // the file's name, "1ubq.pdb"
    std::shared_ptr<const esm::Structure> structure; // as read
    std::shared_ptr<const esm::Structure>
        placed; // as drawn: moved onto the document's structure when superposed
    bool visible = true;
    Rgb colour{200, 200, 200};
    // Which of otherStructureColour's colours it takes; -1 once the user chose one.
    int colourIndex = -1;
    bool superposed = false;
    std::optional<esm::StructureComparison> comparison; // with the document's structure, when superposed
    QString problem; // why the last superposition failed, empty when it did not
};

class ExtraStructures {
  public:
    // `announce` tells the document's observers after each change made through this API.
    ExtraStructures(const Document& document, std::function<void()> announce);

    const std::vector<ExtraStructure>& structures() const { return m_structures; }
    // Adds a structure in the next colour of the palette (otherStructureColour) and returns its index.
    int add(std::shared_ptr<const esm::Structure> structure, const QString& name);
    // Reads a PDB/mmCIF file and adds it; throws esm::Error with the reason.
    int addFile(const QString& path);
    // Takes entry `index` out and returns it (for an undo), or nothing for a bad index.
    std::optional<ExtraStructure> remove(int index);
    // Puts a removed entry back at `index` (clamped), as it was.
    void insert(int index, ExtraStructure entry);
    void setVisible(int index, bool visible);
    // The user's colour: kept whatever the main structure's palette becomes.
    void setColour(int index, Rgb colour);
    // The main structure's palette in use: structures in their automatic colours move off it.
    void setColoursToAvoid(std::vector<Rgb> colours);
    // Superposes entry `index` on the document's structure; false (and the reason in `problem`)
    // when they cannot be paired.
    bool superpose(int index);
    // Back where it was read.
    void unsuperpose(int index);
    bool superposed(int index) const { return valid(index) && m_structures[std::size_t(index)].superposed; }

    // For the document, which announces these itself with whatever else changed. After its
    // structure changed (`opened`: a file or sequence replaced the document): a fold that took an
    // opened structure's place keeps it as an entry, superposed, and superposed entries move onto
    // the new structure; true when an entry changed.
    bool followStructure(bool opened);
    // The entries of a saved session, in their saved colours, superposed anew.
    void restore(std::vector<ExtraStructure> entries);

  private:
    void announce() const { m_announce(); }
    // Keeps the opened structure on show, for a fold that takes its place.
    void noteOpenedOnShow();
    // A new entry in the next colour of the palette, not announced.
    ExtraStructure& append(std::shared_ptr<const esm::Structure> structure, const QString& name);
    void place(ExtraStructure& entry);
    bool valid(int index) const { return index >= 0 && index < int(m_structures.size()); }

    const Document& m_document;
    std::function<void()> m_announce;
    std::vector<ExtraStructure> m_structures;
    int m_added = 0; // entries ever added: picks the next colour
    std::vector<Rgb> m_avoid;
    // The opened file on show (not a fold), kept as an entry when a fold takes its place.
    std::shared_ptr<const esm::Structure> m_openedOnShow;
    QString m_openedName;
};

} // namespace esmui
