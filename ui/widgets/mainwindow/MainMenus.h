// The main window's menu bar, built in one place from the reactions in ui/widgets/actions: File
// (open, add, recent files, model folders, sessions, export, quit), Edit (undo, redo), View (the
// docks, the start page), Structure (the 3D view's own menu), Fold, Tools and Help. What only the
// window can do (show the start page, train, apply a task model) comes back as actions it connects
// to its own slots; nothing is looked up by object name.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <vector>

class QAction;
class QDockWidget;
class QMenuBar;

namespace esmui {

class ModelsDialogReaction;
class RecentFilesMenu;
class StructureViewMenu;

struct MainMenus {
    QAction* open = nullptr;           // File > Open…
    QAction* addStructure = nullptr;   // File > Add Structure…
    QAction* save = nullptr;           // File > Save Session
    RecentFilesMenu* recent = nullptr; // File > Open Recent
    ModelsDialogReaction* modelsDialog = nullptr;
    QAction* startPage = nullptr; // View > Start Page
    StructureViewMenu* structure = nullptr;
    QAction* train = nullptr;          // Tools > Train…
    QAction* applyTaskModel = nullptr; // Tools > Apply Task Model…
};

// Help > About's text: program version and the versions of Qt, VTK and LibTorch.
QString aboutText();

// Fills `bar` with the menus; `docks` are listed in the View menu in this order.
MainMenus buildMainMenus(QMenuBar* bar, const Workspace& workspace, const std::vector<QDockWidget*>& docks);

} // namespace esmui
