#include "ui/widgets/mainwindow/GuardedApplication.h"

#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>

#include <cstdio>
#include <new>

namespace esmui {

QString describeFailure(const std::exception& error) {
    if (dynamic_cast<const std::bad_alloc*>(&error))
        return QObject::tr("Not enough memory for what was asked (an input far larger than it should be?)");
    return QString::fromUtf8(error.what());
}

GuardedApplication::GuardedApplication(int& argc, char** argv) : QApplication(argc, argv) {}

bool GuardedApplication::notify(QObject* receiver, QEvent* event) {
    try {
        return QApplication::notify(receiver, event);
    } catch (const std::exception& error) {
        const QString message = describeFailure(error);
        std::fprintf(stderr, "esm-explorer: %s\n", qPrintable(message));
        // Shown once the handler that failed has returned, not from inside it.
        QMetaObject::invokeMethod(
            this,
            [message, window = QPointer<QWidget>(activeWindow())] {
                auto* box = new QMessageBox(QMessageBox::Critical, tr("Something went wrong"), message,
                                            QMessageBox::Ok, window);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setObjectName("errorMessage");
                box->open();
            },
            Qt::QueuedConnection);
    }
    return false;
}

} // namespace esmui
