// The GUI's QApplication, with the one place every exception that escapes an event handler (a
// menu action, a slot, a paint) ends: reported in a message box and on stderr, and the program goes
// on. Qt's own notify() lets it unwind through the event loop, which ends the program (exit 134)
// and loses the user's work - a std::bad_alloc from an absurd file did exactly that.
#pragma once

#include <QApplication>

#include <exception>

namespace esmui {

class GuardedApplication : public QApplication {
  public:
    GuardedApplication(int& argc, char** argv);
    bool notify(QObject* receiver, QEvent* event) override;
};

// What a person reads for an exception: its message, or for std::bad_alloc that there was not
// enough memory for what was asked.
QString describeFailure(const std::exception& error);

} // namespace esmui
