// The 3D view: a QOpenGLWidget that drives a vtkGenericOpenGLRenderWindow (Debian's VTK Qt module
// is built for Qt 5, so this is our own bridge). Mouse: left rotates, middle or shift+left pans,
// right or the wheel zooms; hover names the residue, click selects, double-click centres.
#pragma once

#include "ui/view3d/StructureScene.h"

#include <QOpenGLWidget>

class QTimer;

#include <memory>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

namespace esmui {

// A structure drawn beside the main one (ExtraStructures), in one colour.
struct OtherStructure {
    std::shared_ptr<const esm::Structure> structure;
    Rgb colour{200, 200, 200};
    QString name; // in the key
};

class StructureView : public QOpenGLWidget {
    Q_OBJECT
  public:
    explicit StructureView(QWidget* parent = nullptr);
    ~StructureView() override;

    void showStructure(std::shared_ptr<const esm::Structure> structure, const DisplaySettings& settings,
                       bool resetCamera);
    void setDisplaySettings(const DisplaySettings& settings);
    const DisplaySettings& displaySettings() const { return scene_.settings(); }
    const StructureScene& scene() const { return scene_; }
    // Further structures, in the main one's representation and each in its colour; hover, picking
    // and the selection stay with the main structure. Home frames them all.
    void setOtherStructures(std::vector<OtherStructure> structures);
    // The name the key gives the main structure ("1ubq.pdb", "fold #2 T14W").
    void setKeySubject(const QString& subject);
    int otherStructureCount() const { return int(others_.size()); }
    const StructureScene& otherScene(int index) const { return *others_[std::size_t(index)]; }
    void setHighlightedResidues(const std::vector<int>& residues);
    // Residues changed by sequence edits since the structure was made (magenta sticks).
    void setMarkedResidues(const std::vector<int>& residues);
    // Residues named in the view ("LYS 48 A").
    void setLabelledResidues(const std::vector<int>& residues);
    // Measuring: a click picks an atom instead of a residue, every second one completes a distance.
    void setMeasuring(bool measuring);
    bool isMeasuring() const { return measuring_; }
    void addDistance(int atom, int otherAtom);
    void clearDistances();

    // The camera, as ViewState keeps it: position, focal point, view up (9 numbers), then the
    // parallel scale and the view angle.
    std::vector<double> cameraState() const;
    void setCameraState(const std::vector<double>& state);

    void resetView();
    void centreOn(const std::vector<int>& residues);
    void setOrthographic(bool orthographic);
    bool isOrthographic() const;
    void setBackgroundColour(const QColor& colour);
    QColor backgroundColour() const;

    // Where a point in space is drawn: widget x and y (pixels), and depth (0 near .. 1 far).
    Eigen::Vector3d project(const Eigen::Vector3d& world);
    // The residue drawn at a widget position, or -1.
    int residueAt(const QPoint& position);
    // The drawn atom under a widget point, or -1.
    int atomAt(const QPoint& position);
    // The scene rendered offscreen at `size` pixels (not a screen grab scaled up).
    QImage renderImage(const QSize& size, bool transparentBackground);
    // Time to draw `frames` frames while rotating the camera, for benchmarks; `interactive` draws
    // what the view shows while the user turns it.
    double measureFrameSeconds(int frames, bool interactive);

  Q_SIGNALS:
    void residueHovered(int residue);
    void residueClicked(int residue, Qt::KeyboardModifiers modifiers);
    // After setDisplaySettings (another conformer, style or colouring).
    void displaySettingsChanged();
    // The user turned, moved or zoomed the camera, or it framed the structure again (not after
    // setCameraState).
    void cameraMoved();
    void distanceMeasured(int atom, int otherAtom, double angstrom);
    // A right click that did not drag: the residue under it (or -1) and where, for a context menu.
    void contextMenuRequested(int residue, const QPoint& globalPosition);

  protected:
    void initializeGL() override;
    void paintGL() override;
    void resizeGL(int width, int height) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

  private:
    void blitInto(unsigned int framebuffer, const QSize& size);
    void zoom(double factor);
    void pan(const QPoint& delta);
    void rotate(const QPoint& delta);
    void setInteractive(bool interactive);
    // Frames the bounding sphere (plus the atoms' radii) for a viewport of `aspect` (width / height),
    // keeping the direction of view.
    void fitCamera(double aspect);
    void showOtherStructures();
    KeyContents keyContents() const;

    vtkNew<vtkGenericOpenGLRenderWindow> window_;
    vtkNew<vtkRenderer> renderer_;
    StructureScene scene_;
    std::vector<OtherStructure> otherStructures_;
    std::vector<std::unique_ptr<StructureScene>> others_;
    DisplaySettings othersBuiltWith_; // less their colours
    QString keySubject_;
    QPoint pressPosition_, lastPosition_;
    Qt::MouseButton dragButton_ = Qt::NoButton;
    bool dragged_ = false;
    int hovered_ = -1;
    bool measuring_ = false;
    int pendingAtom_ = -1; // the first atom of a distance being measured
    bool fitted_ = false;  // the camera frames the molecule as Home left it (refitted on resize)
    QTimer* settle_;       // back to full detail after the wheel stops
};

} // namespace esmui
