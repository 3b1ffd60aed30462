#pragma once

#include <array>
#include <vector>

#include "core/embedding/point_set.h"

namespace convscope::embedding {

/// A quadtree over 2-D points for the Barnes–Hut approximation of t-SNE's repulsive forces: every cell
/// knows how many points it holds and their centre of mass, so that a far cell acts as one heavy point.
class Quadtree {
public:
    /// Builds the tree over `points` (dims must be 2; the points are referred to by index, not copied).
    explicit Quadtree(const PointSet& points);

    /// The repulsive sums for point i with accuracy θ (a cell whose width over its distance from point i
    /// is below θ is taken whole): adds Σ_j w_ij²·(y_i − y_j) to `force` (2 values) and returns
    /// Σ_j w_ij, with w_ij = 1/(1 + |y_i − y_j|²) over every j ≠ i.
    double repulsion(int i, double theta, double force[2]) const;

private:
    struct Cell {
        double centreX = 0.0, centreY = 0.0, halfWidth = 0.0;
        double massX = 0.0, massY = 0.0;  ///< sums of the coordinates; centre of mass = sum / count
        int count = 0;
        int firstChild = -1;      ///< index of 4 consecutive children, −1 for a leaf
        std::vector<int> points;  ///< a leaf's points (more than one only where points coincide)
    };
    void insert(int cell, int point, int depth);
    void split(int cell);
    double visit(int cell, int i, double theta, double force[2]) const;

    const PointSet& m_points;
    std::vector<Cell> m_cells;
};

}  // namespace convscope::embedding
