// Every second block of ten residues shaded, restarting in each chain (one text block a chain), as
// sequence viewers do. A highlighter rather than extra selections: the editor lays out every extra
// selection on every line it paints, so one a block of ten made a 100,000-residue sequence take
// seconds to show, while a highlighter's formats are laid out once with the text.
#pragma once

#include <QColor>
#include <QSyntaxHighlighter>

namespace esmui {

class DecadeShading : public QSyntaxHighlighter {
    Q_OBJECT
  public:
    DecadeShading(QTextDocument* document, const QColor& shade);

  protected:
    void highlightBlock(const QString& text) override;

  private:
    QTextCharFormat m_shaded;
};

} // namespace esmui
