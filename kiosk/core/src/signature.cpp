#include "kiosk/core/signature.h"

#include <algorithm>
#include <cmath>

#include "kiosk/core/secret.h"

namespace kiosk::core {
namespace {
float distance(SignaturePoint a, SignaturePoint b, float aspect) {
  return std::hypot((b.x - a.x) * aspect, b.y - a.y);
}

// Marks a square pen of side PEN centred on (X, Y).
void stamp(SignatureBitmap& bitmap, float x, float y, int pen) {
  const int x0 = static_cast<int>(std::floor(x - static_cast<float>(pen - 1) * 0.5f));
  const int y0 = static_cast<int>(std::floor(y - static_cast<float>(pen - 1) * 0.5f));
  for (int dy = 0; dy < pen; ++dy) {
    for (int dx = 0; dx < pen; ++dx) {
      const int px = x0 + dx, py = y0 + dy;
      if (px < 0 || py < 0 || px >= bitmap.width || py >= bitmap.height) continue;
      bitmap.dots[static_cast<std::size_t>(py * bitmap.width + px)] = 1;
    }
  }
}
}  // namespace

std::size_t SignatureBitmap::ink_count() const {
  return static_cast<std::size_t>(
      std::ranges::count_if(dots, [](std::uint8_t d) { return d != 0; }));
}

Signature::Signature(const Signature& other) : m_starts(other.m_starts), m_open(other.m_open) {
  m_points.reserve(kMaxPoints);
  m_points.assign(other.m_points.begin(), other.m_points.end());
}

Signature& Signature::operator=(const Signature& other) {
  if (this != &other) {
    wipe();
    m_points.reserve(kMaxPoints);
    m_points.assign(other.m_points.begin(), other.m_points.end());
    m_starts = other.m_starts;
    m_open = other.m_open;
  }
  return *this;
}

StrokeResult Signature::add_point(SignaturePoint p) {
  p.x = std::clamp(p.x, 0.0f, 1.0f);
  p.y = std::clamp(p.y, 0.0f, 1.0f);
  if (std::isnan(p.x) || std::isnan(p.y)) return StrokeResult::skipped;
  if (m_open && distance(m_points.back(), p, 1.0f) < kMinStep) return StrokeResult::skipped;
  if (m_points.size() >= kMaxPoints) return StrokeResult::full;
  if (m_points.capacity() < kMaxPoints) m_points.reserve(kMaxPoints);
  if (!m_open) {
    m_starts.push_back(m_points.size());
    m_open = true;
  }
  m_points.push_back(p);
  return StrokeResult::added;
}

void Signature::end_stroke() {
  m_open = false;
}

void Signature::apply(const SignatureInput& input) {
  switch (input.kind) {
    case SignatureInput::Kind::point: add_point(input.point); break;
    case SignatureInput::Kind::end_stroke: end_stroke(); break;
    case SignatureInput::Kind::clear: clear(); break;
  }
}

void Signature::clear() {
  m_points.clear();
  m_starts.clear();
  m_open = false;
}

void Signature::wipe() noexcept {
  if (!m_points.empty()) secure_zero(m_points.data(), m_points.size() * sizeof(SignaturePoint));
  m_points.clear();
  m_starts.clear();
  m_open = false;
}

std::span<const SignaturePoint> Signature::stroke(std::size_t index) const {
  if (index >= m_starts.size()) return {};
  const std::size_t begin = m_starts[index];
  const std::size_t end = index + 1 < m_starts.size() ? m_starts[index + 1] : m_points.size();
  return std::span<const SignaturePoint>(m_points).subspan(begin, end - begin);
}

float Signature::ink_length(float aspect) const {
  float total = 0.0f;
  for (std::size_t s = 0; s < stroke_count(); ++s) {
    const auto points = stroke(s);
    for (std::size_t i = 1; i < points.size(); ++i)
      total += distance(points[i - 1], points[i], aspect);
  }
  return total;
}

SignatureBitmap Signature::render(int width, int height, int pen) const {
  SignatureBitmap bitmap;
  bitmap.width = std::max(width, 0);
  bitmap.height = std::max(height, 0);
  bitmap.dots.assign(
      static_cast<std::size_t>(bitmap.width) * static_cast<std::size_t>(bitmap.height), 0);
  if (bitmap.dots.empty()) return bitmap;
  pen = std::max(pen, 1);
  // Dot centres: 0..1 maps onto the first to the last dot.
  const float sx = static_cast<float>(bitmap.width - 1), sy = static_cast<float>(bitmap.height - 1);
  for (std::size_t s = 0; s < stroke_count(); ++s) {
    const auto points = stroke(s);
    stamp(bitmap, points[0].x * sx, points[0].y * sy, pen);
    for (std::size_t i = 1; i < points.size(); ++i) {
      const float ax = points[i - 1].x * sx, ay = points[i - 1].y * sy;
      const float bx = points[i].x * sx, by = points[i].y * sy;
      // Half-dot steps along the segment leave no gaps at any slope.
      const int steps =
          std::max(1, static_cast<int>(std::ceil(std::hypot(bx - ax, by - ay) * 2.0f)));
      for (int k = 1; k <= steps; ++k) {
        const float t = static_cast<float>(k) / static_cast<float>(steps);
        stamp(bitmap, ax + (bx - ax) * t, ay + (by - ay) * t, pen);
      }
    }
  }
  return bitmap;
}

}  // namespace kiosk::core
