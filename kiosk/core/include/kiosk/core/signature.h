#pragma once
// A signature drawn with a finger: strokes of points in the pad's own coordinates, 0..1 on
// each axis, so the model knows nothing of pixels or screens. Bounded, wipeable (a
// signature is personal data), and rendered to a small 1-bit picture for the claim.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kiosk::core {

struct SignaturePoint {
  float x = 0.0f;  // 0 = left edge of the pad, 1 = right edge
  float y = 0.0f;  // 0 = top, 1 = bottom

  friend bool operator==(const SignaturePoint&, const SignaturePoint&) = default;
};

// One dot per byte, row-major, non-zero = ink: the layout of the printer's image block.
struct SignatureBitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> dots;

  bool ink_at(int x, int y) const { return dots[static_cast<std::size_t>(y * width + x)] != 0; }
  std::size_t ink_count() const;
};

// What the signature pad reports in one frame; the screen hands it to the model (through
// the session, as any input of a person).
struct SignatureInput {
  enum class Kind { point, end_stroke, clear };
  Kind kind = Kind::point;
  SignaturePoint point;  // for Kind::point

  friend bool operator==(const SignatureInput&, const SignatureInput&) = default;
};

enum class StrokeResult {
  added,    // the point extends the current stroke (or starts one)
  skipped,  // too close to the last point to matter
  full,     // the point budget is spent: the stroke stays as it is
};

class Signature {
 public:
  // Enough for a long Chinese name written slowly at 60 points a second, small enough
  // that a finger resting on the pad cannot grow memory without bound.
  static constexpr std::size_t kMaxPoints = 4096;
  // Ink shorter than this (in pad widths/heights) is a tap or a smudge, not a signature.
  static constexpr float kMinInk = 0.6f;
  // Points closer than this to the last one are dropped (a resting finger jitters).
  static constexpr float kMinStep = 0.002f;

  Signature() = default;
  // Copies reserve the full buffer too, and assignment wipes what it replaces.
  Signature(const Signature& other);
  Signature& operator=(const Signature& other);
  ~Signature() { wipe(); }

  // Adds P (clamped into 0..1) to the open stroke, opening one when none is.
  StrokeResult add_point(SignaturePoint p);
  // The finger lifted: the next point opens a new stroke.
  void end_stroke();
  // Applies one frame's input from the pad.
  void apply(const SignatureInput& input);
  // Removes every stroke (the person pressed "clear").
  void clear();
  // As clear(), and the coordinates are zeroed first.
  void wipe() noexcept;

  std::size_t stroke_count() const { return m_starts.size(); }
  std::span<const SignaturePoint> stroke(std::size_t index) const;
  std::size_t point_count() const { return m_points.size(); }
  bool stroke_open() const { return m_open; }
  // The summed length of every stroke, in pad units (ASPECT = pad width / height scales x).
  float ink_length(float aspect = 1.0f) const;
  bool is_blank(float aspect = 1.0f) const { return ink_length(aspect) < kMinInk; }

  // The strokes drawn WIDTH x HEIGHT dots with a pen PEN dots wide, the pad stretched to fit.
  SignatureBitmap render(int width, int height, int pen = 2) const;

 private:
  // Every point in one buffer reserved once at kMaxPoints, so growing never leaves a copy
  // of the strokes behind in freed memory; strokes are ranges of it.
  std::vector<SignaturePoint> m_points;
  std::vector<std::size_t> m_starts;
  bool m_open = false;
};

}  // namespace kiosk::core
