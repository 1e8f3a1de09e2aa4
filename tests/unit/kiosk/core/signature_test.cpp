#include "kiosk/core/signature.h"

#include <cmath>

#include <catch2/catch.hpp>

using namespace kiosk::core;

namespace {
// A horizontal line across the middle of the pad from X0 to X1 in N steps.
void line(Signature& sig, float x0, float x1, int n, float y = 0.5f) {
  for (int i = 0; i <= n; ++i) {
    sig.add_point({x0 + (x1 - x0) * static_cast<float>(i) / static_cast<float>(n), y});
  }
  sig.end_stroke();
}
}  // namespace

TEST_CASE("points form strokes and lifting the finger starts a new one") {
  Signature sig;
  CHECK(sig.stroke_count() == 0);
  CHECK(sig.add_point({0.1f, 0.1f}) == StrokeResult::added);
  CHECK(sig.stroke_open());
  CHECK(sig.add_point({0.2f, 0.1f}) == StrokeResult::added);
  sig.end_stroke();
  CHECK_FALSE(sig.stroke_open());
  sig.add_point({0.5f, 0.5f});
  sig.add_point({0.5f, 0.9f});
  sig.add_point({0.6f, 0.9f});
  REQUIRE(sig.stroke_count() == 2);
  CHECK(sig.stroke(0).size() == 2);
  CHECK(sig.stroke(1).size() == 3);
  CHECK(sig.stroke(1)[1].y == 0.9f);
  CHECK(sig.stroke(2).empty());
  CHECK(sig.point_count() == 5);
}

TEST_CASE("points are clamped into the pad and jitter is dropped") {
  Signature sig;
  sig.add_point({-0.5f, 1.5f});
  CHECK(sig.stroke(0)[0].x == 0.0f);
  CHECK(sig.stroke(0)[0].y == 1.0f);
  CHECK(sig.add_point({0.0005f, 0.9995f}) == StrokeResult::skipped);
  CHECK(sig.add_point({NAN, 0.5f}) == StrokeResult::skipped);
  CHECK(sig.point_count() == 1);
  sig.end_stroke();
  // A new stroke may start on the very spot the last one ended.
  CHECK(sig.add_point({0.0f, 1.0f}) == StrokeResult::added);
}

TEST_CASE("a tap or a short smudge is blank and a written line is not") {
  Signature sig;
  CHECK(sig.is_blank());
  sig.add_point({0.5f, 0.5f});
  sig.end_stroke();
  CHECK(sig.is_blank());
  line(sig, 0.1f, 0.3f, 10);
  CHECK(sig.ink_length() == Approx(0.2f));
  CHECK(sig.is_blank());
  line(sig, 0.1f, 0.9f, 40, 0.7f);
  CHECK(sig.ink_length() == Approx(1.0f));
  CHECK_FALSE(sig.is_blank());
  // On a pad 3 times wider than high, the same strokes are 3 times longer in heights.
  CHECK(sig.ink_length(3.0f) == Approx(3.0f));
}

TEST_CASE("the point count is bounded") {
  Signature sig;
  std::size_t added = 0;
  StrokeResult last = StrokeResult::added;
  for (int i = 0; i < 10000 && last != StrokeResult::full; ++i) {
    last =
        sig.add_point({static_cast<float>(i % 100) / 100.0f, static_cast<float>(i / 100) / 100.0f});
    if (last == StrokeResult::added) ++added;
  }
  CHECK(last == StrokeResult::full);
  CHECK(added == Signature::kMaxPoints);
  CHECK(sig.point_count() == Signature::kMaxPoints);
  sig.end_stroke();
  CHECK(sig.add_point({0.5f, 0.5f}) == StrokeResult::full);
  CHECK(sig.stroke_count() == 1);  // a full pad opens no empty stroke
}

TEST_CASE("clear and wipe leave an empty pad that takes new strokes") {
  Signature sig;
  line(sig, 0.0f, 1.0f, 20);
  sig.clear();
  CHECK(sig.stroke_count() == 0);
  CHECK(sig.point_count() == 0);
  CHECK(sig.is_blank());
  line(sig, 0.0f, 1.0f, 20);
  Signature copy = sig;
  sig.wipe();
  CHECK(sig.point_count() == 0);
  CHECK_FALSE(sig.stroke_open());
  CHECK(copy.point_count() == 21);
  line(sig, 0.2f, 0.8f, 5);
  CHECK(sig.stroke_count() == 1);
}

TEST_CASE("wipe zeroes the coordinates in place") {
  Signature sig;
  line(sig, 0.25f, 0.75f, 4);
  const SignaturePoint* data = sig.stroke(0).data();
  sig.wipe();
  // The buffer stays allocated (reserved once), so its old contents can be read back.
  for (int i = 0; i < 5; ++i) {
    CHECK(data[i].x == 0.0f);
    CHECK(data[i].y == 0.0f);
  }
}

TEST_CASE("render draws the strokes as connected dots inside the bitmap") {
  Signature sig;
  line(sig, 0.0f, 1.0f, 3);  // few points: the gaps between them must be filled
  SignatureBitmap bmp = sig.render(100, 21, 1);
  REQUIRE(bmp.width == 100);
  REQUIRE(bmp.height == 21);
  REQUIRE(bmp.dots.size() == 2100u);
  for (int x = 0; x < 100; ++x) CHECK(bmp.ink_at(x, 10));
  CHECK(bmp.ink_count() == 100);
  CHECK_FALSE(bmp.ink_at(50, 0));

  SignatureBitmap thick = sig.render(100, 21, 3);
  CHECK(thick.ink_count() == 300);
  CHECK(thick.ink_at(50, 9));
  CHECK(thick.ink_at(50, 11));

  Signature diagonal;
  diagonal.add_point({0.0f, 0.0f});
  diagonal.add_point({1.0f, 1.0f});
  SignatureBitmap d = diagonal.render(50, 50, 1);
  for (int i = 0; i < 50; ++i) CHECK(d.ink_at(i, i));
}

TEST_CASE("a blank signature renders blank and a zero size renders nothing") {
  Signature sig;
  CHECK(sig.render(64, 32).ink_count() == 0);
  line(sig, 0.0f, 1.0f, 5);
  CHECK(sig.render(0, 10).dots.empty());
  CHECK(sig.render(-3, 10).width == 0);
  // Pen stamps near the edge stay inside the bitmap (ASan would catch a stray write).
  Signature corner;
  corner.add_point({1.0f, 1.0f});
  corner.add_point({0.99f, 1.0f});
  CHECK(corner.render(10, 10, 5).ink_count() > 0);
}

TEST_CASE("the pad's inputs drive the model as direct calls would") {
  using Kind = SignatureInput::Kind;
  Signature sig;
  sig.apply({Kind::point, {0.1f, 0.5f}});
  sig.apply({Kind::point, {0.9f, 0.5f}});
  sig.apply({Kind::end_stroke, {}});
  CHECK_FALSE(sig.stroke_open());
  sig.apply({Kind::point, {0.5f, 0.1f}});
  CHECK(sig.stroke_count() == 2);
  CHECK(sig.ink_length() == Approx(0.8f));
  sig.apply({Kind::clear, {}});
  CHECK(sig.point_count() == 0);
}

TEST_CASE("a copy keeps its strokes in a buffer that never moves, and assignment wipes") {
  Signature sig;
  line(sig, 0.0f, 1.0f, 10);
  Signature copy = sig;
  const SignaturePoint* before = copy.stroke(0).data();
  line(copy, 0.0f, 1.0f, 100, 0.2f);  // growing must not reallocate (and drop an unwiped copy)
  CHECK(copy.stroke(0).data() == before);
  CHECK(copy.point_count() == 11 + 101);

  Signature target;
  line(target, 0.3f, 0.6f, 3);
  const SignaturePoint* old = target.stroke(0).data();
  target = sig;
  CHECK(target.point_count() == 11);
  CHECK(target.stroke(0).data() == old);  // reused in place, after zeroing
  CHECK(target.stroke(0)[3].x == Approx(0.3f));
}
