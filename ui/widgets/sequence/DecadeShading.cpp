#include "ui/widgets/sequence/DecadeShading.h"

namespace esmui {

DecadeShading::DecadeShading(QTextDocument* document, const QColor& shade) : QSyntaxHighlighter(document) {
    m_shaded.setBackground(shade);
}

void DecadeShading::highlightBlock(const QString& text) {
    for (int start = 10; start < text.size(); start += 20)
        setFormat(start, std::min(10, int(text.size()) - start), m_shaded);
}

} // namespace esmui
