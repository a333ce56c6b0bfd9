#include "ui/widgets/sequence/SequenceEditor.h"

#include "ui/widgets/sequence/DecadeShading.h"

#include "core/base/error.h"
#include "core/structure/sequence.h"
#include "ui/services/document/Document.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QTextBlock>
#include <QTextDocumentFragment>
#include <QToolTip>

namespace esmui {
namespace {

// Letters upper-cased and white space dropped, as a sequence is held; FASTA headers dropped and
// only the first record kept when a FASTA text is pasted.
QString normalisedPaste(const QString& text) {
    QString residues;
    bool inRecord = false;
    for (const QString& line : text.split('\n')) {
        if (line.trimmed().startsWith('>')) {
            if (inRecord)
                break;
            inRecord = true;
            continue;
        }
        inRecord = inRecord || !line.trimmed().isEmpty();
        residues += line;
    }
    return QString::fromStdString(esm::Sequence::normalize(residues.toStdString()));
}

} // namespace

class LineNumberGutter : public QWidget {
  public:
    explicit LineNumberGutter(SequenceEditor* editor) : QWidget(editor), editor_(editor) {}
    QSize sizeHint() const override { return {editor_->gutterWidth(), 0}; }

  protected:
    void paintEvent(QPaintEvent* event) override { editor_->paintGutter(event); }

  private:
    SequenceEditor* editor_;
};

SequenceEditor::SequenceEditor(Document* document, QWidget* parent)
    : QPlainTextEdit(parent), m_document(document), m_gutter(new LineNumberGutter(this)) {
    setObjectName("sequenceEditor");
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(font.pointSizeF() + 1);
    setFont(font);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere);
    // Lines always wrap: a horizontal scroll bar (shown with several chains) only took a line.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUndoRedoEnabled(false); // the document's undo stack holds every edit
    setMouseTracking(true);
    setPlaceholderText(tr("Type or paste a protein sequence (one-letter codes; ':' separates chains)"));
    setViewportMargins(gutterWidth(), 0, 0, 0);
    new DecadeShading(QPlainTextEdit::document(), palette().color(QPalette::AlternateBase).darker(104));

    connect(this, &QPlainTextEdit::textChanged, this, &SequenceEditor::onTextEdited);
    connect(this, &QPlainTextEdit::selectionChanged, this, &SequenceEditor::onCursorSelection);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & (Document::SequenceChanged | Document::StructureChanged | Document::FileChanged |
                       Document::FoldsChanged))
            onDocumentChanged(int(changes));
        else if (changes & Document::SelectionChanged)
            updateDecorations();
    });
    onDocumentChanged(Document::FileChanged);
}

void SequenceEditor::setEditing(bool editing) {
    if (editing == isEditing())
        return;
    setReadOnly(!editing);
    // Read-only text edits drop keyboard selection; browsing keeps it (Shift+arrows select residues).
    setTextInteractionFlags(editing ? Qt::TextEditorInteraction
                                    : Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setToolTip(editing ? tr("Editing: type or paste residues; Esc when done")
                       : tr("Select residues here; press F2 or Return (or Edit) to change the sequence"));
    Q_EMIT editingChanged(editing);
}

int SequenceEditor::gutterWidth() const {
    return fontMetrics().horizontalAdvance(QStringLiteral("W 0000A")) + 10; // "B 1234A"
}

void SequenceEditor::resizeEvent(QResizeEvent* event) {
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

namespace {

// A chain break is a new block in the editor: every chain starts on a line of its own.
QString shownText(const QString& sequence) {
    return QString(sequence).replace(QChar(':'), QChar('\n'));
}

} // namespace

QString SequenceEditor::sequenceText() const {
    return toPlainText().replace(QChar('\n'), QChar(':'));
}

QMimeData* SequenceEditor::createMimeDataFromSelection() const {
    auto* data = new QMimeData;
    data->setText(textCursor().selection().toPlainText().replace(QChar('\n'), QChar(':')));
    return data;
}

// Each chain break is the one character ('\n') that ends a text block: a position is its offset less
// the blocks before it. Found by block, not by scanning the text: the gutter asks for every line.
int SequenceEditor::positionOfOffset(int offset) const {
    offset = std::clamp(offset, 0, std::max(0, document()->characterCount() - 1));
    return offset - document()->findBlock(offset).blockNumber();
}

int SequenceEditor::offsetOfPosition(int position) const {
    for (QTextBlock block = document()->firstBlock(); block.isValid() && position >= 0;
         block = block.next()) {
        const int residues = block.length() - 1;
        if (position < residues)
            return block.position() + position;
        position -= residues;
    }
    return -1;
}

QStringList SequenceEditor::lineLabels() const {
    QStringList labels;
    for (QTextBlock block = document()->firstBlock(); block.isValid(); block = block.next())
        for (int i = 0; block.layout() && i < block.layout()->lineCount(); ++i)
            labels << lineLabel(block, block.layout()->lineAt(i));
    return labels;
}

QString SequenceEditor::lineLabel(const QTextBlock& block, const QTextLine& line) const {
    return m_document->positionLabel(positionOfOffset(block.position() + line.textStart()));
}

void SequenceEditor::paintGutter(QPaintEvent* event) {
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.setFont(font());
    if (toPlainText().isEmpty())
        return;
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const double top = blockBoundingGeometry(block).translated(contentOffset()).top();
        if (top > event->rect().bottom())
            break;
        for (int i = 0; i < block.layout()->lineCount(); ++i) {
            const QTextLine line = block.layout()->lineAt(i);
            painter.drawText(QRect(0, int(top + line.y()), m_gutter->width() - 5, int(line.height())),
                             Qt::AlignRight | Qt::AlignVCenter, lineLabel(block, line));
        }
    }
}

QStringList SequenceEditor::issueDescriptions() const {
    QStringList descriptions;
    const QString text = sequenceText();
    if (text.isEmpty())
        return descriptions;
    for (const auto& issue : esm::Sequence::findIssues(text.toStdString()))
        descriptions << tr("character %1 '%2': %3")
                            .arg(issue.offset + 1)
                            .arg(QChar(issue.character))
                            .arg(QString::fromStdString(issue.reason));
    return descriptions;
}

bool SequenceEditor::event(QEvent* event) {
    // Undo and redo belong to the document: take the keys before QPlainTextEdit's own handling.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo) ||
            (isEditing() && key->key() == Qt::Key_Escape)) { // Esc ends editing, it cancels nothing
            event->accept();
            return true;
        }
        if (!isEditing()) { // browsing: single-letter keys are the window's shortcuts
            const bool handled = QPlainTextEdit::event(event);
            if (key->modifiers() == Qt::NoModifier && !key->text().isEmpty() && key->text()[0].isPrint())
                event->ignore();
            return handled;
        }
    }
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int offset = cursorForPosition(viewport()->mapFromParent(help->pos())).position();
        for (const auto& issue : esm::Sequence::findIssues(sequenceText().toStdString()))
            if (int(issue.offset) == offset || int(issue.offset) == offset - 1) {
                QToolTip::showText(help->globalPos(), QString::fromStdString(issue.reason), this);
                return true;
            }
        QToolTip::hideText();
        return true;
    }
    return QPlainTextEdit::event(event);
}

void SequenceEditor::keyPressEvent(QKeyEvent* event) {
    // event() took these keys from the window's shortcuts, editing or not: the document's stack acts.
    if (event->matches(QKeySequence::Undo)) {
        m_document->undoStack()->undo();
        return;
    }
    if (event->matches(QKeySequence::Redo)) {
        m_document->undoStack()->redo();
        return;
    }
    if (!isEditing()) {
        if (event->key() == Qt::Key_F2 || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            setEditing(true);
        else
            QPlainTextEdit::keyPressEvent(event); // navigation and selection; read-only changes nothing
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        setEditing(false);
        return;
    }
    const QString text = event->text();
    if (event->key() == Qt::Key_Backspace || event->key() == Qt::Key_Delete ||
        event->matches(QKeySequence::Cut)) {
        m_editKind = int(Document::Edit::Deleting);
    } else if (!text.isEmpty() && text[0].isPrint()) {
        if (text[0].isSpace())
            return; // a sequence has no white space
        m_editKind = int(Document::Edit::Typing);
        QKeyEvent upper(event->type(), event->key(), event->modifiers(), text.toUpper(),
                        event->isAutoRepeat(), event->count());
        QPlainTextEdit::keyPressEvent(&upper);
        m_editKind = int(Document::Edit::Other);
        return;
    } else if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    m_editKind = int(Document::Edit::Other);
}

void SequenceEditor::insertFromMimeData(const QMimeData* source) {
    if (!source->hasText())
        return;
    const QString pasted = normalisedPaste(source->text());
    const std::size_t residues = esm::residueCountOf(sequenceText().toStdString()) -
                                 esm::residueCountOf(textCursor().selectedText().toStdString()) +
                                 esm::residueCountOf(pasted.toStdString());
    try {
        esm::requireProteinLength(residues, "the sequence with what was pasted");
    } catch (const esm::Error& e) { // nothing pasted, and nothing lost
        QToolTip::showText(mapToGlobal(cursorRect().center()), QString::fromStdString(e.what()), this);
        return;
    }
    m_editKind = int(Document::Edit::Pasting);
    insertPlainText(pasted);
    m_editKind = int(Document::Edit::Other);
}

void SequenceEditor::onTextEdited() {
    if (m_syncing)
        return;
    const QString text = sequenceText();
    const QString normal = QString::fromStdString(esm::Sequence::normalize(text.toStdString()));
    // White space or a lower-case letter from an input method dropped, a typed ':' shown as a new line.
    if (shownText(normal) != toPlainText()) {
        const int cursor = textCursor().position();
        const QSignalBlocker blocker(this);
        setPlainText(shownText(normal));
        QTextCursor c = textCursor();
        c.setPosition(std::min(cursor, int(normal.size())));
        setTextCursor(c);
    }
    m_document->editSequence(normal, Document::Edit(m_editKind));
    updateDecorations();
    m_gutter->update();
}

void SequenceEditor::onDocumentChanged(int changes) {
    if (changes & Document::FileChanged) // a new document: ready for typing only when empty
        setEditing(m_document->sequence().isEmpty());
    if (toPlainText() != shownText(m_document->sequence())) {
        m_syncing = true;
        const int cursor = textCursor().position();
        setPlainText(shownText(m_document->sequence()));
        QTextCursor c = textCursor();
        c.setPosition(std::min(cursor, int(m_document->sequence().size())));
        setTextCursor(c);
        m_syncing = false;
    }
    updateDecorations();
    m_gutter->update();
}

void SequenceEditor::onCursorSelection() {
    if (m_syncing)
        return;
    const QTextCursor cursor = textCursor();
    std::set<int> positions;
    const QString text = sequenceText();
    for (int i = cursor.selectionStart(); i < cursor.selectionEnd(); ++i)
        if (text[i] != ':')
            positions.insert(positionOfOffset(i));
    if (positions.empty() && m_document->selection()->isEmpty())
        return;
    m_document->selection()->select(positions);
}

void SequenceEditor::updateDecorations() {
    QList<QTextEdit::ExtraSelection> selections;
    const QString text = sequenceText();
    auto mark = [&](int offset, int length, const QTextCharFormat& format) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(document());
        s.cursor.setPosition(offset);
        s.cursor.setPosition(offset + length, QTextCursor::KeepAnchor);
        s.format = format;
        selections << s;
    };
    QTextCharFormat invalid, selected, changed;
    invalid.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    invalid.setUnderlineColor(Qt::red);
    invalid.setForeground(Qt::red);
    selected.setBackground(QColor(124, 252, 0, 150));
    changed.setForeground(QColor(230, 0, 160)); // as the 3D view marks them
    changed.setFontWeight(QFont::Bold);
    changed.setFontUnderline(true);
    if (!text.isEmpty())
        for (const auto& issue : esm::Sequence::findIssues(text.toStdString()))
            if (issue.character != 0)
                mark(int(issue.offset), 1, invalid);
    // One selection per run of adjacent residues: a selected chain is one, not thousands.
    const auto markRuns = [&](const std::set<int>& positions, const QTextCharFormat& format) {
        int runStart = -1, runEnd = -1;
        for (int p : positions) {
            const int offset = offsetOfPosition(p);
            if (offset < 0)
                continue;
            if (offset != runEnd) {
                if (runStart >= 0)
                    mark(runStart, runEnd - runStart, format);
                runStart = offset;
            }
            runEnd = offset + 1;
        }
        if (runStart >= 0)
            mark(runStart, runEnd - runStart, format);
    };
    markRuns(m_document->changedPositions(), changed);
    markRuns(m_document->selection()->positions(), selected);
    setExtraSelections(selections);
}

} // namespace esmui
