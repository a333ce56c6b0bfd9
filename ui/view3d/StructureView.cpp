#include "ui/view3d/StructureView.h"

#include <Eigen/Geometry>

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLFramebufferObject>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellPicker.h>
#include <vtkMath.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>

#include <chrono>
#include <cmath>
#include <utility>

namespace esmui {
namespace {

// VTK asks to make its context current before it draws. Making Qt's context current again when it
// already is rebinds Qt's framebuffer behind VTK's state cache (and VTK then draws into the wrong
// framebuffer): only make it current when it is not.
void makeContextCurrent(vtkObject*, unsigned long, void* clientData, void*) {
    auto* widget = static_cast<QOpenGLWidget*>(clientData);
    if (QOpenGLContext::currentContext() != widget->context())
        widget->makeCurrent();
}

void reportContextCurrent(vtkObject*, unsigned long, void* clientData, void* callData) {
    auto* widget = static_cast<QOpenGLWidget*>(clientData);
    *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == widget->context();
}

// The same pixel layout with the alpha byte ignored.
QImage::Format withoutAlpha(QImage::Format format) {
    switch (format) {
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        return QImage::Format_RGB32;
    case QImage::Format_RGBA8888:
    case QImage::Format_RGBA8888_Premultiplied:
        return QImage::Format_RGBX8888;
    default:
        return format;
    }
}

} // namespace

StructureView::StructureView(QWidget* parent) : QOpenGLWidget(parent), scene_(renderer_) {
    setObjectName("structureView");
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(200, 200);
    settle_ = new QTimer(this);
    settle_->setSingleShot(true);
    settle_->setInterval(250);
    connect(settle_, &QTimer::timeout, this, [this] {
        setInteractive(false);
        Q_EMIT cameraMoved();
    });
    renderer_->SetBackground(1, 1, 1);
    renderer_->GetActiveCamera()->SetParallelProjection(true);
    window_->AddRenderer(renderer_);
    window_->SetMultiSamples(0);
    using Callback = void (*)(vtkObject*, unsigned long, void*, void*);
    for (auto [event, callback] :
         {std::pair<unsigned long, Callback>{vtkCommand::WindowMakeCurrentEvent, &makeContextCurrent},
          std::pair<unsigned long, Callback>{vtkCommand::WindowIsCurrentEvent, &reportContextCurrent}}) {
        vtkNew<vtkCallbackCommand> command;
        command->SetCallback(callback);
        command->SetClientData(this);
        window_->AddObserver(event, command);
    }
}

StructureView::~StructureView() {
    makeCurrent();
    scene_.clear();
    window_->Finalize();
    doneCurrent();
}

void StructureView::initializeGL() {
    // VTK renders into its own framebuffer, which paintGL blits into Qt's. No interactor: it would
    // call Start() and leave VTK state (a scissor box) set outside paintGL.
    window_->SetReadyForRendering(true);
    window_->SetOwnContext(false);
    window_->SetForceMaximumHardwareLineWidth(1);
    window_->OpenGLInitContext();
}

void StructureView::resizeGL(int width, int height) {
    const qreal ratio = devicePixelRatioF();
    window_->SetSize(int(width * ratio), int(height * ratio));
    if (fitted_) {
        fitCamera(double(width) / std::max(1, height));
        Q_EMIT cameraMoved();
    }
}

void StructureView::blitInto(unsigned int framebuffer, const QSize& size) {
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
    const GLenum buffers[1] = {GL_COLOR_ATTACHMENT0};
    f->glDrawBuffers(1, buffers);
    window_->GetState()->vtkglDisable(GL_SCISSOR_TEST);
    f->glDisable(GL_SCISSOR_TEST);
    const int* rendered = window_->GetRenderFramebuffer()->GetLastSize();
    window_->BlitDisplayFramebuffer(0, 0, 0, rendered[0], rendered[1], 0, 0, size.width(), size.height(),
                                    GL_COLOR_BUFFER_BIT, GL_LINEAR);
}

void StructureView::paintGL() {
    window_->Render();
    makeCurrent();
    const QSize deviceSize = size() * devicePixelRatioF();
    blitInto(defaultFramebufferObject(), deviceSize);
    // VTK leaves alpha at 0; an opaque widget needs it at 1.
    QOpenGLFunctions* f = context()->functions();
    f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    f->glClearColor(0, 0, 0, 1);
    f->glClear(GL_COLOR_BUFFER_BIT);
    f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

namespace {

// How the other structures are drawn: the main structure's representation, each in its single colour.
DisplaySettings otherStructureSettings(const DisplaySettings& main) {
    DisplaySettings settings;
    settings.style = main.style;
    settings.helixStyle = main.helixStyle;
    settings.showLigands = main.showLigands;
    settings.showWaters = main.showWaters;
    settings.colorScheme = ColorScheme::Single;
    settings.showLegend = false;
    return settings;
}

} // namespace

void StructureView::showStructure(std::shared_ptr<const esm::Structure> structure,
                                  const DisplaySettings& settings, bool resetCamera) {
    makeCurrent();
    scene_.show(std::move(structure), settings);
    // Another representation rebuilds the other structures; another colouring of this one leaves them.
    if (otherStructureSettings(scene_.settings()) != othersBuiltWith_)
        showOtherStructures();
    if (resetCamera)
        resetView();
    update();
}

void StructureView::setOtherStructures(std::vector<OtherStructure> structures) {
    otherStructures_ = std::move(structures);
    makeCurrent();
    showOtherStructures();
    update();
}

void StructureView::showOtherStructures() {
    others_.clear(); // each scene takes its actors out of the renderer
    othersBuiltWith_ = otherStructureSettings(scene_.settings());
    DisplaySettings settings = othersBuiltWith_;
    for (const OtherStructure& other : otherStructures_) {
        settings.singleColour = other.colour;
        others_.push_back(std::make_unique<StructureScene>(renderer_));
        others_.back()->show(other.structure, settings);
    }
    scene_.setKeyContents(keyContents());
}

KeyContents StructureView::keyContents() const {
    KeyContents key{keySubject_, {}};
    for (const OtherStructure& other : otherStructures_)
        key.others.emplace_back(other.colour, other.name);
    return key;
}

void StructureView::setKeySubject(const QString& subject) {
    keySubject_ = subject;
    makeCurrent();
    scene_.setKeyContents(keyContents());
    update();
}

void StructureView::setDisplaySettings(const DisplaySettings& settings) {
    if (!scene_.structure())
        return;
    showStructure(scene_.sharedStructure(), settings, false);
    Q_EMIT displaySettingsChanged();
}

void StructureView::setHighlightedResidues(const std::vector<int>& residues) {
    makeCurrent();
    scene_.setHighlighted(residues);
    update();
}

void StructureView::setLabelledResidues(const std::vector<int>& residues) {
    makeCurrent();
    scene_.setLabelled(residues);
    update();
}

void StructureView::setMarkedResidues(const std::vector<int>& residues) {
    if (residues == scene_.marked())
        return;
    makeCurrent();
    scene_.setMarked(residues);
    update();
}

std::vector<double> StructureView::cameraState() const {
    vtkCamera* camera = renderer_->GetActiveCamera();
    double p[3], f[3], u[3];
    camera->GetPosition(p);
    camera->GetFocalPoint(f);
    camera->GetViewUp(u);
    return {p[0],
            p[1],
            p[2],
            f[0],
            f[1],
            f[2],
            u[0],
            u[1],
            u[2],
            camera->GetParallelScale(),
            camera->GetViewAngle()};
}

void StructureView::setCameraState(const std::vector<double>& s) {
    if (s.size() != 11)
        return;
    fitted_ = false;
    vtkCamera* camera = renderer_->GetActiveCamera();
    camera->SetPosition(s[0], s[1], s[2]);
    camera->SetFocalPoint(s[3], s[4], s[5]);
    camera->SetViewUp(s[6], s[7], s[8]);
    camera->SetParallelScale(s[9]);
    camera->SetViewAngle(s[10]);
    renderer_->ResetCameraClippingRange();
    update();
}

void StructureView::resetView() {
    vtkCamera* camera = renderer_->GetActiveCamera();
    camera->SetFocalPoint(0, 0, 0);
    camera->SetPosition(0, 0, 1);
    camera->SetViewUp(0, 1, 0);
    fitCamera(double(width()) / std::max(1, height()));
    fitted_ = true;
    update();
    Q_EMIT cameraMoved();
}

void StructureView::fitCamera(double aspect) {
    constexpr double kMargin = 1.04; // atoms are drawn with their radius around the centre
    auto [centre, sphere] = scene_.boundingSphere();
    for (const auto& other : others_) { // the smallest sphere holding both spheres
        const auto [c, r] = other->boundingSphere();
        const double d = (c - centre).norm();
        if (d + r <= sphere)
            continue;
        if (d + sphere <= r) {
            centre = c, sphere = r;
            continue;
        }
        const double merged = (d + sphere + r) / 2;
        centre += (c - centre) / d * (merged - sphere);
        sphere = merged;
    }
    const double radius = (sphere + 2.0) * kMargin;
    vtkCamera* camera = renderer_->GetActiveCamera();
    double direction[3];
    camera->GetDirectionOfProjection(direction);
    // Parallel: the half-height shown is the parallel scale; a portrait view shows less across.
    camera->SetParallelScale(radius / std::min(1.0, aspect));
    // Perspective: far enough that the sphere fits the narrower of the two view angles.
    double halfAngle = vtkMath::RadiansFromDegrees(camera->GetViewAngle() / 2);
    if (aspect < 1)
        halfAngle = std::atan(std::tan(halfAngle) * aspect);
    const double distance = radius / std::sin(halfAngle);
    camera->SetFocalPoint(centre.x(), centre.y(), centre.z());
    camera->SetPosition(centre.x() - direction[0] * distance, centre.y() - direction[1] * distance,
                        centre.z() - direction[2] * distance);
    renderer_->ResetCameraClippingRange();
}

void StructureView::centreOn(const std::vector<int>& residues) {
    if (residues.empty())
        return;
    fitted_ = false;
    auto b = scene_.bounds(residues);
    vtkCamera* camera = renderer_->GetActiveCamera();
    const double centre[3] = {(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2};
    double focal[3], position[3];
    camera->GetFocalPoint(focal);
    camera->GetPosition(position);
    camera->SetFocalPoint(centre);
    camera->SetPosition(position[0] + centre[0] - focal[0], position[1] + centre[1] - focal[1],
                        position[2] + centre[2] - focal[2]);
    renderer_->ResetCameraClippingRange();
    update();
    Q_EMIT cameraMoved();
}

void StructureView::setOrthographic(bool orthographic) {
    renderer_->GetActiveCamera()->SetParallelProjection(orthographic);
    resetView();
}

bool StructureView::isOrthographic() const {
    return renderer_->GetActiveCamera()->GetParallelProjection() != 0;
}

void StructureView::setBackgroundColour(const QColor& colour) {
    renderer_->SetBackground(colour.redF(), colour.greenF(), colour.blueF());
    update();
}

QColor StructureView::backgroundColour() const {
    double c[3];
    renderer_->GetBackground(c);
    return QColor::fromRgbF(c[0], c[1], c[2]);
}

Eigen::Vector3d StructureView::project(const Eigen::Vector3d& world) {
    renderer_->SetWorldPoint(world.x(), world.y(), world.z(), 1.0);
    renderer_->WorldToDisplay();
    double display[3];
    renderer_->GetDisplayPoint(display);
    const qreal ratio = devicePixelRatioF();
    return {display[0] / ratio, (height() * ratio - 1 - display[1]) / ratio, display[2]};
}

int StructureView::atomAt(const QPoint& position) {
    const qreal ratio = devicePixelRatioF();
    vtkNew<vtkCellPicker> picker;
    picker->SetTolerance(0.002);
    const int height = int(this->height() * ratio);
    if (!picker->Pick(position.x() * ratio, height - 1 - position.y() * ratio, 0, renderer_))
        return -1;
    double point[3];
    picker->GetPickPosition(point);
    return scene_.atomNear({point[0], point[1], point[2]}, 4.0);
}

int StructureView::residueAt(const QPoint& position) {
    const int atom = atomAt(position);
    return atom < 0 ? -1 : scene_.structure()->atomResidue(atom);
}

void StructureView::setMeasuring(bool measuring) {
    measuring_ = measuring;
    pendingAtom_ = -1;
    setCursor(measuring ? Qt::CrossCursor : Qt::ArrowCursor);
}

void StructureView::addDistance(int atom, int otherAtom) {
    const esm::Structure* s = scene_.structure();
    if (!s || atom < 0 || otherAtom < 0 || atom >= s->atomCount() || otherAtom >= s->atomCount() ||
        atom == otherAtom)
        return;
    auto distances = scene_.distances();
    distances.emplace_back(atom, otherAtom);
    makeCurrent();
    scene_.setDistances(distances);
    update();
    Q_EMIT distanceMeasured(atom, otherAtom, (s->position(atom) - s->position(otherAtom)).norm());
}

void StructureView::clearDistances() {
    makeCurrent();
    scene_.setDistances({});
    pendingAtom_ = -1;
    update();
}

QImage StructureView::renderImage(const QSize& size, bool transparentBackground) {
    makeCurrent();
    const int* previous = window_->GetSize();
    const int oldWidth = previous[0], oldHeight = previous[1];
    QOpenGLFramebufferObjectFormat format;
    format.setAttachment(QOpenGLFramebufferObject::CombinedDepthStencil);
    QOpenGLFramebufferObject target(size, format);
    // The camera keeps its view; a different aspect widens or narrows what is shown, except that
    // a molecule framed by Home is framed for the picture's aspect too.
    vtkNew<vtkCamera> onScreen;
    onScreen->DeepCopy(renderer_->GetActiveCamera());
    if (fitted_)
        fitCamera(double(size.width()) / std::max(1, size.height()));
    window_->SetSize(size.width(), size.height());
    scene_.setKeyScale(std::max(1.0, double(size.height()) / std::max(1, height())));
    auto renderOnce = [&](const QColor& background) {
        renderer_->SetBackground(background.redF(), background.greenF(), background.blueF());
        window_->Render();
        makeCurrent();
        blitInto(target.handle(), size);
        // VTK leaves alpha at 0 (see paintGL): read colour only.
        QImage pixels = target.toImage(true);
        pixels.reinterpretAsFormat(withoutAlpha(pixels.format()));
        return pixels.convertToFormat(QImage::Format_ARGB32);
    };
    const QColor background = backgroundColour();
    QImage image = renderOnce(background);
    if (transparentBackground) {
        // Alpha from two renderings: over black and over white a pixel differs by (1 - alpha).
        const QImage onBlack = renderOnce(Qt::black), onWhite = renderOnce(Qt::white);
        for (int y = 0; y < image.height(); ++y) {
            auto* out = reinterpret_cast<QRgb*>(image.scanLine(y));
            const auto* black = reinterpret_cast<const QRgb*>(onBlack.constScanLine(y));
            const auto* white = reinterpret_cast<const QRgb*>(onWhite.constScanLine(y));
            for (int x = 0; x < image.width(); ++x) {
                const int alpha = 255 - (qGreen(white[x]) - qGreen(black[x]));
                const auto unpremultiply = [&](int c) {
                    return alpha > 0 ? std::min(255, c * 255 / alpha) : 0;
                };
                out[x] = qRgba(unpremultiply(qRed(black[x])), unpremultiply(qGreen(black[x])),
                               unpremultiply(qBlue(black[x])), alpha);
            }
        }
        renderer_->SetBackground(background.redF(), background.greenF(), background.blueF());
    }
    window_->SetSize(oldWidth, oldHeight);
    renderer_->GetActiveCamera()->DeepCopy(onScreen);
    scene_.setKeyScale(1.0);
    update();
    return image;
}

void StructureView::setInteractive(bool interactive) {
    scene_.setInteractive(interactive);
    update();
}

double StructureView::measureFrameSeconds(int frames, bool interactive) {
    makeCurrent();
    scene_.setInteractive(interactive);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < frames; ++i) {
        renderer_->GetActiveCamera()->Azimuth(3);
        window_->Render();
        makeCurrent();
        blitInto(defaultFramebufferObject(), size() * devicePixelRatioF());
        context()->functions()->glFinish();
    }
    scene_.setInteractive(false);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / frames;
}

void StructureView::rotate(const QPoint& delta) {
    vtkCamera* camera = renderer_->GetActiveCamera();
    camera->Azimuth(-0.4 * delta.x());
    camera->Elevation(0.4 * delta.y());
    camera->OrthogonalizeViewUp();
}

void StructureView::pan(const QPoint& delta) {
    fitted_ = false;
    vtkCamera* camera = renderer_->GetActiveCamera();
    // World units per pixel at the focal plane.
    const double perPixel =
        camera->GetParallelProjection()
            ? 2 * camera->GetParallelScale() / height()
            : 2 * camera->GetDistance() * std::tan(camera->GetViewAngle() * M_PI / 360) / height();
    double up[3], direction[3], focal[3], position[3];
    camera->GetViewUp(up);
    camera->GetDirectionOfProjection(direction);
    camera->GetFocalPoint(focal);
    camera->GetPosition(position);
    const Eigen::Vector3d u(up[0], up[1], up[2]), d(direction[0], direction[1], direction[2]);
    const Eigen::Vector3d right = d.cross(u).normalized();
    const Eigen::Vector3d shift = (-delta.x() * right + delta.y() * u) * perPixel;
    camera->SetFocalPoint(focal[0] + shift.x(), focal[1] + shift.y(), focal[2] + shift.z());
    camera->SetPosition(position[0] + shift.x(), position[1] + shift.y(), position[2] + shift.z());
}

void StructureView::zoom(double factor) {
    fitted_ = false;
    vtkCamera* camera = renderer_->GetActiveCamera();
    if (camera->GetParallelProjection())
        camera->SetParallelScale(camera->GetParallelScale() / factor);
    else
        camera->Dolly(factor);
    renderer_->ResetCameraClippingRange();
    update();
}

void StructureView::mousePressEvent(QMouseEvent* event) {
    pressPosition_ = lastPosition_ = event->position().toPoint();
    dragButton_ = event->button();
    dragged_ = false;
}

void StructureView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint position = event->position().toPoint();
    if (dragButton_ == Qt::NoButton) {
        const int residue = residueAt(position);
        if (residue != hovered_) {
            hovered_ = residue;
            Q_EMIT residueHovered(residue);
        }
        return;
    }
    const QPoint delta = position - lastPosition_;
    lastPosition_ = position;
    if (!dragged_ && (position - pressPosition_).manhattanLength() > 3) {
        dragged_ = true;
        scene_.setInteractive(true);
    }
    const bool panning =
        dragButton_ == Qt::MiddleButton ||
        (dragButton_ == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier) && dragged_);
    if (panning)
        pan(delta);
    else if (dragButton_ == Qt::LeftButton)
        rotate(delta);
    else if (dragButton_ == Qt::RightButton)
        zoom(std::pow(1.01, -delta.y()));
    renderer_->ResetCameraClippingRange();
    update();
}

void StructureView::mouseReleaseEvent(QMouseEvent* event) {
    if (dragButton_ == Qt::LeftButton && !dragged_ && measuring_) {
        const int atom = atomAt(event->position().toPoint());
        if (atom >= 0 && pendingAtom_ >= 0)
            addDistance(std::exchange(pendingAtom_, -1), atom);
        else if (atom >= 0)
            pendingAtom_ = atom;
    } else if (dragButton_ == Qt::LeftButton && !dragged_) {
        Q_EMIT residueClicked(residueAt(event->position().toPoint()), event->modifiers());
    }
    if (dragButton_ == Qt::RightButton && !dragged_) // right-drag zooms; a right click asks for the menu
        Q_EMIT contextMenuRequested(residueAt(event->position().toPoint()),
                                    event->globalPosition().toPoint());
    dragButton_ = Qt::NoButton;
    if (dragged_) {
        setInteractive(false);
        Q_EMIT cameraMoved();
    }
}

void StructureView::mouseDoubleClickEvent(QMouseEvent* event) {
    const int residue = residueAt(event->position().toPoint());
    if (residue >= 0)
        centreOn({residue});
}

void StructureView::wheelEvent(QWheelEvent* event) {
    scene_.setInteractive(true);
    settle_->start();
    zoom(std::pow(1.1, event->angleDelta().y() / 120.0));
}

} // namespace esmui
