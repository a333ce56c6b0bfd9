// Tables from openfold/np/residue_constants.py (as shipped with HuggingFace's ESMFold port).
#include "core/structure/residue_constants.h"

#include <Eigen/Dense>

#include <vector>

namespace esm::residue {
namespace {

constexpr std::string_view kRestypes = "ARNDCQEGHILKMFPSTWYV";

constexpr std::array<std::string_view, kAtom37> kAtomTypes{
    "N",   "CA",  "C",   "CB",  "O",   "CG", "CG1", "CG2", "OG",  "OG1", "SG", "CD",  "CD1",
    "CD2", "ND1", "ND2", "OD1", "OD2", "SD", "CE",  "CE1", "CE2", "CE3", "NE", "NE1", "NE2",
    "OE1", "OE2", "CH2", "NH1", "NH2", "OH", "CZ",  "CZ2", "CZ3", "NZ",  "OXT"};

using Names14 = std::array<std::string_view, kAtom14>;
constexpr std::array<Names14, kRestypeCountWithX> kAtom14Names{{
    {"N", "CA", "C", "O", "CB", "", "", "", "", "", "", "", "", ""},                           // ALA
    {"N", "CA", "C", "O", "CB", "CG", "CD", "NE", "CZ", "NH1", "NH2", "", "", ""},             // ARG
    {"N", "CA", "C", "O", "CB", "CG", "OD1", "ND2", "", "", "", "", "", ""},                   // ASN
    {"N", "CA", "C", "O", "CB", "CG", "OD1", "OD2", "", "", "", "", "", ""},                   // ASP
    {"N", "CA", "C", "O", "CB", "SG", "", "", "", "", "", "", "", ""},                         // CYS
    {"N", "CA", "C", "O", "CB", "CG", "CD", "OE1", "NE2", "", "", "", "", ""},                 // GLN
    {"N", "CA", "C", "O", "CB", "CG", "CD", "OE1", "OE2", "", "", "", "", ""},                 // GLU
    {"N", "CA", "C", "O", "", "", "", "", "", "", "", "", "", ""},                             // GLY
    {"N", "CA", "C", "O", "CB", "CG", "ND1", "CD2", "CE1", "NE2", "", "", "", ""},             // HIS
    {"N", "CA", "C", "O", "CB", "CG1", "CG2", "CD1", "", "", "", "", "", ""},                  // ILE
    {"N", "CA", "C", "O", "CB", "CG", "CD1", "CD2", "", "", "", "", "", ""},                   // LEU
    {"N", "CA", "C", "O", "CB", "CG", "CD", "CE", "NZ", "", "", "", "", ""},                   // LYS
    {"N", "CA", "C", "O", "CB", "CG", "SD", "CE", "", "", "", "", "", ""},                     // MET
    {"N", "CA", "C", "O", "CB", "CG", "CD1", "CD2", "CE1", "CE2", "CZ", "", "", ""},           // PHE
    {"N", "CA", "C", "O", "CB", "CG", "CD", "", "", "", "", "", "", ""},                       // PRO
    {"N", "CA", "C", "O", "CB", "OG", "", "", "", "", "", "", "", ""},                         // SER
    {"N", "CA", "C", "O", "CB", "OG1", "CG2", "", "", "", "", "", "", ""},                     // THR
    {"N", "CA", "C", "O", "CB", "CG", "CD1", "CD2", "NE1", "CE2", "CE3", "CZ2", "CZ3", "CH2"}, // TRP
    {"N", "CA", "C", "O", "CB", "CG", "CD1", "CD2", "CE1", "CE2", "CZ", "OH", "", ""},         // TYR
    {"N", "CA", "C", "O", "CB", "CG1", "CG2", "", "", "", "", "", "", ""},                     // VAL
    {"", "", "", "", "", "", "", "", "", "", "", "", "", ""},                                  // UNK
}};

// The four atoms defining chi1..chi4 of each residue type (fewer for most).
using ChiAtoms = std::vector<std::array<std::string_view, 4>>;
const std::array<ChiAtoms, kRestypeCount>& chiAnglesAtoms() {
    static const std::array<ChiAtoms, kRestypeCount> chis{{
        {}, // ALA
        {{"N", "CA", "CB", "CG"},
         {"CA", "CB", "CG", "CD"},
         {"CB", "CG", "CD", "NE"},
         {"CG", "CD", "NE", "CZ"}},                                                     // ARG
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "OD1"}},                           // ASN
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "OD1"}},                           // ASP
        {{"N", "CA", "CB", "SG"}},                                                      // CYS
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "CD"}, {"CB", "CG", "CD", "OE1"}}, // GLN
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "CD"}, {"CB", "CG", "CD", "OE1"}}, // GLU
        {},                                                                             // GLY
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "ND1"}},                           // HIS
        {{"N", "CA", "CB", "CG1"}, {"CA", "CB", "CG1", "CD1"}},                         // ILE
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "CD1"}},                           // LEU
        {{"N", "CA", "CB", "CG"},
         {"CA", "CB", "CG", "CD"},
         {"CB", "CG", "CD", "CE"},
         {"CG", "CD", "CE", "NZ"}},                                                    // LYS
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "SD"}, {"CB", "CG", "SD", "CE"}}, // MET
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "CD1"}},                          // PHE
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "CD"}},                           // PRO
        {{"N", "CA", "CB", "OG"}},                                                     // SER
        {{"N", "CA", "CB", "OG1"}},                                                    // THR
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "CD1"}},                          // TRP
        {{"N", "CA", "CB", "CG"}, {"CA", "CB", "CG", "CD1"}},                          // TYR
        {{"N", "CA", "CB", "CG1"}},                                                    // VAL
    }};
    return chis;
}

struct GroupAtom {
    std::string_view name;
    int group;
    double x, y, z;
};
using GroupAtoms = std::vector<GroupAtom>;

// Atom positions relative to their rigid group (idealised literature geometry).
const std::array<GroupAtoms, kRestypeCount>& rigidGroupAtomPositions() {
    static const std::array<GroupAtoms, kRestypeCount> positions{{
        {{"N", 0, -0.525, 1.363, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.526, -0.000, -0.000},
         {"CB", 0, -0.529, -0.774, -1.205},
         {"O", 3, 0.627, 1.062, 0.000}},
        {{"N", 0, -0.524, 1.362, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.525, -0.000, -0.000},
         {"CB", 0, -0.524, -0.778, -1.209},
         {"O", 3, 0.626, 1.062, 0.000},
         {"CG", 4, 0.616, 1.390, -0.000},
         {"CD", 5, 0.564, 1.414, 0.000},
         {"NE", 6, 0.539, 1.357, -0.000},
         {"NH1", 7, 0.206, 2.301, 0.000},
         {"NH2", 7, 2.078, 0.978, -0.000},
         {"CZ", 7, 0.758, 1.093, -0.000}},
        {{"N", 0, -0.536, 1.357, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.526, -0.000, -0.000},
         {"CB", 0, -0.531, -0.787, -1.200},
         {"O", 3, 0.625, 1.062, 0.000},
         {"CG", 4, 0.584, 1.399, 0.000},
         {"ND2", 5, 0.593, -1.188, 0.001},
         {"OD1", 5, 0.633, 1.059, 0.000}},
        {{"N", 0, -0.525, 1.362, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.527, 0.000, -0.000},
         {"CB", 0, -0.526, -0.778, -1.208},
         {"O", 3, 0.626, 1.062, -0.000},
         {"CG", 4, 0.593, 1.398, -0.000},
         {"OD1", 5, 0.610, 1.091, 0.000},
         {"OD2", 5, 0.592, -1.101, -0.003}},
        {{"N", 0, -0.522, 1.362, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.524, 0.000, 0.000},
         {"CB", 0, -0.519, -0.773, -1.212},
         {"O", 3, 0.625, 1.062, -0.000},
         {"SG", 4, 0.728, 1.653, 0.000}},
        {{"N", 0, -0.526, 1.361, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.526, 0.000, 0.000},
         {"CB", 0, -0.525, -0.779, -1.207},
         {"O", 3, 0.626, 1.062, -0.000},
         {"CG", 4, 0.615, 1.393, 0.000},
         {"CD", 5, 0.587, 1.399, -0.000},
         {"NE2", 6, 0.593, -1.189, -0.001},
         {"OE1", 6, 0.634, 1.060, 0.000}},
        {{"N", 0, -0.528, 1.361, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.526, -0.000, -0.000},
         {"CB", 0, -0.526, -0.781, -1.207},
         {"O", 3, 0.626, 1.062, 0.000},
         {"CG", 4, 0.615, 1.392, 0.000},
         {"CD", 5, 0.600, 1.397, 0.000},
         {"OE1", 6, 0.607, 1.095, -0.000},
         {"OE2", 6, 0.589, -1.104, -0.001}},
        {{"N", 0, -0.572, 1.337, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.517, -0.000, -0.000},
         {"O", 3, 0.626, 1.062, -0.000}},
        {{"N", 0, -0.527, 1.360, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.525, 0.000, 0.000},
         {"CB", 0, -0.525, -0.778, -1.208},
         {"O", 3, 0.625, 1.063, 0.000},
         {"CG", 4, 0.600, 1.370, -0.000},
         {"CD2", 5, 0.889, -1.021, 0.003},
         {"ND1", 5, 0.744, 1.160, -0.000},
         {"CE1", 5, 2.030, 0.851, 0.002},
         {"NE2", 5, 2.145, -0.466, 0.004}},
        {{"N", 0, -0.493, 1.373, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.527, -0.000, -0.000},
         {"CB", 0, -0.536, -0.793, -1.213},
         {"O", 3, 0.627, 1.062, -0.000},
         {"CG1", 4, 0.534, 1.437, -0.000},
         {"CG2", 4, 0.540, -0.785, -1.199},
         {"CD1", 5, 0.619, 1.391, 0.000}},
        {{"N", 0, -0.520, 1.363, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.525, -0.000, -0.000},
         {"CB", 0, -0.522, -0.773, -1.214},
         {"O", 3, 0.625, 1.063, -0.000},
         {"CG", 4, 0.678, 1.371, 0.000},
         {"CD1", 5, 0.530, 1.430, -0.000},
         {"CD2", 5, 0.535, -0.774, 1.200}},
        {{"N", 0, -0.526, 1.362, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.526, 0.000, 0.000},
         {"CB", 0, -0.524, -0.778, -1.208},
         {"O", 3, 0.626, 1.062, -0.000},
         {"CG", 4, 0.619, 1.390, 0.000},
         {"CD", 5, 0.559, 1.417, 0.000},
         {"CE", 6, 0.560, 1.416, 0.000},
         {"NZ", 7, 0.554, 1.387, 0.000}},
        {{"N", 0, -0.521, 1.364, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.525, 0.000, 0.000},
         {"CB", 0, -0.523, -0.776, -1.210},
         {"O", 3, 0.625, 1.062, -0.000},
         {"CG", 4, 0.613, 1.391, -0.000},
         {"SD", 5, 0.703, 1.695, 0.000},
         {"CE", 6, 0.320, 1.786, -0.000}},
        {{"N", 0, -0.518, 1.363, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.524, 0.000, -0.000},
         {"CB", 0, -0.525, -0.776, -1.212},
         {"O", 3, 0.626, 1.062, -0.000},
         {"CG", 4, 0.607, 1.377, 0.000},
         {"CD1", 5, 0.709, 1.195, -0.000},
         {"CD2", 5, 0.706, -1.196, 0.000},
         {"CE1", 5, 2.102, 1.198, -0.000},
         {"CE2", 5, 2.098, -1.201, -0.000},
         {"CZ", 5, 2.794, -0.003, -0.001}},
        {{"N", 0, -0.566, 1.351, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.527, -0.000, 0.000},
         {"CB", 0, -0.546, -0.611, -1.293},
         {"O", 3, 0.621, 1.066, 0.000},
         {"CG", 4, 0.382, 1.445, 0.0},
         {"CD", 5, 0.477, 1.424, 0.0}},
        {{"N", 0, -0.529, 1.360, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.525, -0.000, -0.000},
         {"CB", 0, -0.518, -0.777, -1.211},
         {"O", 3, 0.626, 1.062, -0.000},
         {"OG", 4, 0.503, 1.325, 0.000}},
        {{"N", 0, -0.517, 1.364, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.526, 0.000, -0.000},
         {"CB", 0, -0.516, -0.793, -1.215},
         {"O", 3, 0.626, 1.062, 0.000},
         {"CG2", 4, 0.550, -0.718, -1.228},
         {"OG1", 4, 0.472, 1.353, 0.000}},
        {{"N", 0, -0.521, 1.363, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.525, -0.000, 0.000},
         {"CB", 0, -0.523, -0.776, -1.212},
         {"O", 3, 0.627, 1.062, 0.000},
         {"CG", 4, 0.609, 1.370, -0.000},
         {"CD1", 5, 0.824, 1.091, 0.000},
         {"CD2", 5, 0.854, -1.148, -0.005},
         {"CE2", 5, 2.186, -0.678, -0.007},
         {"CE3", 5, 0.622, -2.530, -0.007},
         {"NE1", 5, 2.140, 0.690, -0.004},
         {"CH2", 5, 3.028, -2.890, -0.013},
         {"CZ2", 5, 3.283, -1.543, -0.011},
         {"CZ3", 5, 1.715, -3.389, -0.011}},
        {{"N", 0, -0.522, 1.362, 0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.524, -0.000, -0.000},
         {"CB", 0, -0.522, -0.776, -1.213},
         {"O", 3, 0.627, 1.062, -0.000},
         {"CG", 4, 0.607, 1.382, -0.000},
         {"CD1", 5, 0.716, 1.195, -0.000},
         {"CD2", 5, 0.713, -1.194, -0.001},
         {"CE1", 5, 2.107, 1.200, -0.002},
         {"CE2", 5, 2.104, -1.201, -0.003},
         {"OH", 5, 4.168, -0.002, -0.005},
         {"CZ", 5, 2.791, -0.001, -0.003}},
        {{"N", 0, -0.494, 1.373, -0.000},
         {"CA", 0, 0.000, 0.000, 0.000},
         {"C", 0, 1.527, -0.000, -0.000},
         {"CB", 0, -0.533, -0.795, -1.213},
         {"O", 3, 0.627, 1.062, -0.000},
         {"CG1", 4, 0.540, 1.429, -0.000},
         {"CG2", 4, 0.533, -0.776, 1.203}},
    }};
    return positions;
}

using Matrix4 = Eigen::Matrix4d;

// openfold's _make_rigid_transformation_4x4: x along ex, y in the (ex, ey) plane, origin at translation.
Matrix4 rigidTransformation(const Eigen::Vector3d& ex, const Eigen::Vector3d& ey,
                            const Eigen::Vector3d& translation) {
    const Eigen::Vector3d x = ex / ex.norm();
    Eigen::Vector3d y = ey - ey.dot(x) * x;
    y /= y.norm();
    const Eigen::Vector3d z = x.cross(y);
    Matrix4 m = Matrix4::Identity();
    m.block<3, 1>(0, 0) = x;
    m.block<3, 1>(0, 1) = y;
    m.block<3, 1>(0, 2) = z;
    m.block<3, 1>(0, 3) = translation;
    return m;
}

int indexIn(const Names14& names, std::string_view name) {
    for (int i = 0; i < kAtom14; ++i)
        if (names[static_cast<std::size_t>(i)] == name)
            return i;
    return -1;
}

void fillAtomTables(DerivedTables& t, int restype) {
    const auto& names = kAtom14Names[static_cast<std::size_t>(restype)];
    for (const auto& atom : rigidGroupAtomPositions()[static_cast<std::size_t>(restype)]) {
        const int slot = indexIn(names, atom.name);
        t.atom14ToRigidGroup[restype][slot] = atom.group;
        t.atom14Mask[restype][slot] = 1.0f;
        t.atom14RigidGroupPositions[restype][slot] = {float(atom.x), float(atom.y), float(atom.z)};
    }
}

void fillDefaultFrames(DerivedTables& t, int restype) {
    std::vector<std::pair<std::string_view, Eigen::Vector3d>> positions;
    for (const auto& atom : rigidGroupAtomPositions()[static_cast<std::size_t>(restype)])
        positions.emplace_back(atom.name, Eigen::Vector3d(atom.x, atom.y, atom.z));
    auto at = [&](std::string_view name) {
        for (const auto& [n, p] : positions)
            if (n == name)
                return p;
        return Eigen::Vector3d(Eigen::Vector3d::Zero());
    };
    // Groups a residue lacks keep all-zero frames, as openfold leaves them.
    std::array<Matrix4, kRigidGroups> frames;
    frames.fill(Matrix4::Zero());
    frames[0] = frames[1] = Matrix4::Identity();                                      // backbone, pre-omega
    frames[2] = rigidTransformation(at("N") - at("CA"), {1.0, 0.0, 0.0}, at("N"));    // phi
    frames[3] = rigidTransformation(at("C") - at("CA"), at("CA") - at("N"), at("C")); // psi
    const ChiAtoms& chis = chiAnglesAtoms()[static_cast<std::size_t>(restype)];
    if (!chis.empty())
        frames[4] = rigidTransformation(at(chis[0][2]) - at(chis[0][1]), at(chis[0][0]) - at(chis[0][1]),
                                        at(chis[0][2]));
    // Later chi axes start at the origin of the previous chi frame.
    for (std::size_t chi = 1; chi < chis.size(); ++chi) {
        const Eigen::Vector3d axisEnd = at(chis[chi][2]);
        frames[4 + chi] = rigidTransformation(axisEnd, {-1.0, 0.0, 0.0}, axisEnd);
    }
    for (int g = 0; g < kRigidGroups; ++g)
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j)
                t.rigidGroupDefaultFrame[restype][g][i][j] =
                    static_cast<float>(frames[static_cast<std::size_t>(g)](i, j));
}

void fillAtomMappings(DerivedTables& t, int restype) {
    const auto& names = kAtom14Names[static_cast<std::size_t>(restype)];
    for (int slot = 0; slot < kAtom14; ++slot) {
        const auto name = names[static_cast<std::size_t>(slot)];
        t.atom14ToAtom37[restype][slot] = name.empty() ? 0 : atomTypeIndex(name);
    }
    for (int a = 0; a < kAtom37; ++a) {
        const int slot = indexIn(names, kAtomTypes[static_cast<std::size_t>(a)]);
        t.atom37ToAtom14[restype][a] = slot < 0 ? 0 : slot;
        t.atom37Mask[restype][a] = slot < 0 ? 0.0f : 1.0f;
    }
}

DerivedTables buildTables() {
    DerivedTables t; // the X row stays all zero: no atoms, no frames
    for (int r = 0; r < kRestypeCount; ++r) {
        fillAtomTables(t, r);
        fillDefaultFrames(t, r);
        fillAtomMappings(t, r);
    }
    return t;
}

} // namespace

const std::array<std::string_view, kAtom37>& atomTypes() {
    return kAtomTypes;
}

int atomTypeIndex(std::string_view name) {
    for (int i = 0; i < kAtom37; ++i)
        if (kAtomTypes[static_cast<std::size_t>(i)] == name)
            return i;
    return -1;
}

const std::array<std::array<std::string_view, kAtom14>, kRestypeCountWithX>& atom14Names() {
    return kAtom14Names;
}

int restypeIndex(char oneLetter) {
    const auto at = kRestypes.find(oneLetter);
    return at == std::string_view::npos ? kRestypeCount : static_cast<int>(at);
}

char restypeLetter(int index) {
    return index >= 0 && index < kRestypeCount ? kRestypes[static_cast<std::size_t>(index)] : 'X';
}

const DerivedTables& derivedTables() {
    static const DerivedTables tables = buildTables();
    return tables;
}

} // namespace esm::residue
