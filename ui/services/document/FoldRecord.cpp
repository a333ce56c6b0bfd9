#include "ui/services/document/FoldRecord.h"

namespace esmui {

QString FoldRecord::summary(int index) const {
    return QStringLiteral("#%1 %2 · pLDDT %3 · pTM %4")
        .arg(index + 1)
        .arg(mutations)
        .arg(meanPlddt, 0, 'f', 1)
        .arg(ptm, 0, 'f', 2);
}

} // namespace esmui
