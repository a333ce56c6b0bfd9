// The residues the user has selected, as positions in the document's sequence (0-based, chain
// separators not counted). One model shared by the sequence editor, the 3D view and the plots.
#pragma once

#include <QObject>

#include <set>

namespace esmui {

class ResidueSelection : public QObject {
    Q_OBJECT
  public:
    using QObject::QObject;

    const std::set<int>& positions() const { return m_positions; }
    bool contains(int position) const { return m_positions.count(position) > 0; }
    bool isEmpty() const { return m_positions.empty(); }
    // The position the user last clicked: the anchor that shift-click extends from.
    int anchor() const { return m_anchor; }

    void select(std::set<int> positions);
    void selectOnly(int position);
    void toggle(int position);
    // From the anchor to `position`, added to the selection.
    void extendTo(int position);
    void clear();

  Q_SIGNALS:
    void changed();

  private:
    std::set<int> m_positions;
    int m_anchor = -1;
};

} // namespace esmui
