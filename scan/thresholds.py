"""Every tuning constant of the scanner, with its unit and the reason for its value.

Tuned on the synthetic walls of tests/support (2.7 to 8 px/mm, tilt up to 35 degrees, blur,
noise, JPEG 60-90) and on /work/shared/datasets/qr-photos. Change them here, never in place,
and re-run `make bench-scan` and `python -m benchmarks.bench_decoders` after a change.
"""
from __future__ import annotations

# --- input (io.py) ----------------------------------------------------------------------------
MAX_MEGAPIXELS = 50.0  # MP: issue 3 promises photos up to 50 MP (a 48 MP phone camera fits)
# Pillow's own guard fires at MAX_IMAGE_PIXELS; we set it just above our cap so an honest
# 50 MP photo passes and a decompression bomb is refused before its pixels are allocated.
BOMB_GUARD_PIXELS = int(MAX_MEGAPIXELS * 1_000_000 * 1.05)

# --- finding codes (locate.py) ----------------------------------------------------------------
# zxing-cpp reads ~97 % of codes at >= 3 px per module and ~85 % at 2-3 px (dataset README);
# a window whose finder patterns suggest fewer pixels per module is retried upscaled 2x.
UPSCALE_BELOW_PX_PER_MODULE = 3.0  # px
UPSCALE_FACTOR = 2.0
# The whole-frame decode also looks for light-on-dark (inverted) codes only if this is True.
# The kit prints dark on light; zxing-cpp's inverted try is a second pass over the whole photo
# (a third to two fifths of the full-frame decode: 47 -> 29 ms on a 12 MP wall) that never
# finds one of our cards. An inverted code is still read where nothing else was found: the
# windows, the blind tiles and a small photo's whole-image retry keep zxing-cpp's default.
FULL_FRAME_TRY_INVERT = False
# A finder pattern is 7 modules wide: below 7 px it has no module of 1 px left to find.
MIN_FINDER_PX = 7.0  # px (full resolution)
MAX_FINDER_FRACTION = 0.5  # of the image's short side: bigger nested squares are not finders
# The window decoded around an unexplained finder: a version-1 code is 3 finders wide, and the
# finder may be any of its three corners, plus the quiet zone -> 4 finder widths each way.
WINDOW_FINDER_WIDTHS = 4.0
# Two readings of the same text whose centres are closer than this (in code widths) are one code.
DUPLICATE_CENTRE_CODE_WIDTHS = 0.5
# Two finders of one code are 14 modules apart (2 finder widths) along a side, 20 along the
# diagonal of a version-1 code, more in bigger versions; blur and tilt shorten or stretch this.
FINDER_PAIR_WIDTHS = (1.3, 6.0)  # in finder widths
# Blind tiles, used only when targeted windows found nothing on a big photo.
TILE_PX = 1400  # px: in the 1024-1600 px band measured in the dataset README
TILE_OVERLAP = 0.25  # fraction: a code cut by one tile lies whole in its neighbour
# Adaptive threshold for finder candidates: block in px, offset in grey levels. An offset of 8
# turned a noisy 12 MP wall into 220 000 contours (6 s); 15 leaves 18 000 and keeps the finders.
FINDER_BLOCK_PX = 31
FINDER_OFFSET_GREY = 15
# Finder search in overlapping tiles: OpenCV's contour tree grows faster than linearly with the
# number of contours (a 12 MP photo of grass: 330 000 contours, 18 s in one piece, 0.6 s in
# tiles). A finder whose bounding box is at most the overlap lies whole in some tile; bigger
# ones are found on the image shrunk FINDER_PYRAMID_STEP times (and so on), where they are small.
FINDER_TILE_PX = 640  # px
FINDER_TILE_OVERLAP_PX = 160  # px: finders up to ~110 px wide (16 px modules) at full scale
FINDER_PYRAMID_STEP = 4
# Dark specks and light gaps this thin (px) are removed before the contour search: a finder's
# rings are >= 2 px at the smallest module read (2 px), texture specks are mostly 1 px
# (grass at 12 MP: 330 000 contours -> 120 000).
FINDER_SPECK_PX = 1
# Holes (light regions) in one 640 px tile above which it is despeckled, then left out: textured
# walls measured 800-2 200, a 4 px checkerboard 12 800 (fast: its holes sit in many blobs), the
# same shrunk 4x to 1 px 204 800 in one blob (5 s in the contour tree).
FINDER_TILE_MAX_HOLES = 20000
# Blobs per megapixel (their first pixels counted, ``most_blobs``: an upper bound) above which
# the blobs with no hole and in none are taken out of a level before its contours are traced
# (``without_plain_blobs``, the same finders): that costs ~20 ns a pixel (0.2-0.3 s for 12 MP)
# and saves ~2.5 us a contour. Measured on speed14's family-2 photos (2000-2043), contours of
# the tiles, plain vs taken out: 12 900 blobs/Mpx (a blurred wall) 0.57 -> 0.33 s, 7 200 0.23
# -> 0.20 s, 4 200 0.21 -> 0.24 s, 1 000-3 100 (most sharp walls, shrunk) slower by 0.02-0.2 s.
FINDER_TRACE_MIN_BLOBS_PER_MPX = 6000
# Unexplained finders are decoded best first (three finders in an L, then two, then the
# best-shaped), and at most this many windows per photo: a textured wall can show hundreds of
# nested-square look-alikes, and each window costs a decode or three.
MAX_FINDER_WINDOWS = 48
# Finders are looked for at the scale where the smallest code found has this many px per
# module (2 px: a finder is still 14 px of nested squares), never below a quarter scale.
FINDER_SEARCH_PX_PER_MODULE = 2.0  # px
MIN_FINDER_SCALE = 0.25
# A finder's nested squares are 49 : 25 : 9 module^2 (hole 0.51, core 0.18 of the outer area);
# blur and perspective bend these ratios, not much.
FINDER_HOLE_AREA_RANGE = (0.25, 0.8)  # hole area / outer area
FINDER_CORE_AREA_RANGE = (0.06, 0.4)  # core area / outer area
# The finders of one code are the same size; tilt makes the far one look smaller.
FINDER_PAIR_SIZE_RANGE = (0.6, 1.6)  # other finder's width / this finder's width
# A finder inside a decoded code grown by this factor (about its centre) is explained by it.
DECODED_CODE_GROWTH = 1.15

# Blur (issue 8 point 4): at 2.0-2.7 px/mm a soft or shaken photo loses the finders' one-module
# rings, so finders are looked for again on an unsharp-masked copy at full scale, and windows are
# decoded sharpened first. Sharpness = steepest edge of the decoded codes over their contrast,
# in their softest direction (scan.locate.code_sharpness): measured ~0.39 on sharp synthetic
# photos, 0.19-0.29 with motion blur of 3-6 px or defocus of 1-1.8 px.
BLUR_PASS_BELOW_SHARPNESS = 0.33
BLUR_PASS_BELOW_PX_PER_MODULE = 5.0  # px: bigger modules keep their rings through such blur
# The unsharp mask copies the measured blur: sharpness ~ 1 / length of a motion blur (5.7 px
# measured 0.19), ~ 0.4 / sigma of a defocus (1.8 px measured 0.19); motion when the steepest
# direction is this many times the softest (sharp and defocused codes: < 1.4).
BLUR_MOTION_ANISOTROPY = 1.6
BLUR_LENGTH_PER_SHARPNESS = 1.2  # px: a longer line sharpens more (36 -> 37 of 42 cards)
BLUR_LENGTH_RANGE_PX = (2.0, 9.0)
BLUR_SIGMA_PER_SHARPNESS = 0.4  # px
BLUR_SIGMA_RANGE_PX = (1.0, 3.0)
BLUR_DEFAULT_SHARPNESS = 0.2  # nothing decoded to measure: undo a 2 px defocus
# 1 + amount times the photo minus amount times its blurred copy (2.5: 4 cards fewer of 85)
BLUR_SHARPEN_AMOUNT = 3.5
SHARPNESS_MAX_CODES = 12  # codes measured for the sharpness (the median is stable by then)
# A photo whose codes are this soft is too blurred to trust: its readings get a hint.
TOO_BLURRED_CODE_SHARPNESS = 0.25
# Lost codes read from their own finders (scan/recover.py): the module grid from the three
# finders' centres, each refined by matching the finder's picture on the window upscaled this
# many times (a quarter-pixel centre: 1/14 of a 3.4 px module), searched this far (in modules)
# from the centre the finder search gave (its contours are off by up to ~2 px = 0.6 module).
RECOVER_UPSCALE = 4
RECOVER_FINDER_REACH_MODULES = 1.5
# The three finders must form an L: |cos| of its angle + |1 - ratio of its sides| at most this
# (measured 0.15-0.28 under 5 px motion blur; perspective at 35 degrees adds ~0.1).
RECOVER_MAX_L_ERROR = 0.5
# Grids tried around the refined one (a curled card bends the far corner by a module's fraction):
# every shift (in modules, along both axes) at every scale: 5 x 5 x 3 = 75 samplings of the
# grid per image (as photographed, then deblurred twice), each decoded only if its fixed
# patterns read right; measured <= 0.14 s of CPU per photo for the whole recovery.
RECOVER_GRID_SHIFTS_MODULES = (0.12, 0.25)
RECOVER_GRID_SCALES = (1.0, 0.985, 1.015)
# A code placed by its card's markers on a photo shaken 7 px (2.0-2.2 px/mm, 2.3 modules): its
# finders refined on the photo as it is drifted 1.1-2.0 px along the shake (all three the same
# way: a blurred finder's match is flat along it), half a module, past the grid's shifts, and the
# code read there was 29-35 modules wrong (0-1 at its true place); refined on the deblurred photo
# they came 0.2-0.6 px from it. When the L refined on the photo gives no text and the codebook
# names nothing, the L refined on the deblurred photo is read too if it is at least this many
# modules away (within the grid's shifts it was read already). Long shakes (6.5-7.5 px, cards27,
# search stages): tuning 453 -> 455/458 cards >= 2.0 px/mm (594 -> 612 all), confirm 328 = 328/331
# (410 -> 420), 0 false, none lost; soft focus identical.
RECOVER_SHARPER_MIN_MOVE_MODULES = 0.25
# A decoded text is kept when its symbol differs from the sampled modules in at most this many:
# any two version-1 symbols differ in >= 11 modules (Reed-Solomon distance 11 codewords; another
# mask changes >= 7 format bits twice), so within 5 the sample is nearer this symbol than any
# other: no near-miss code can pass. 0-3 measured on the 7 codes read this way on blurred
# walls at 2.0-2.5 px/mm (tuning seeds 103, 115, 124; extra walls 202, 211, 226).
RECOVER_MAX_MODULE_ERRORS = 5
# A lost code read as the nearest of the manifest's codes (scan/codebook.py) when no decoder
# could correct it: its printed symbol within this many of the 238 data and format modules
# sampled. Two codes of our format differ in >= 30 of them (measured on 18 000 pairs that differ
# in one serial digit or the type letter, the nearest there are), so within 14 no other code,
# in the manifest or not, is as near. Of the 32 cards the blur sweep lost (soft focus of
# 2.1-2.3 px, shakes of 6-8 px), the best grid on true finders leaves 0-14 wrong on 22, 16-54
# on the others.
CODEBOOK_MAX_MODULE_ERRORS = 14
# ... and every other code of the manifest at least this many modules further (measured >= 23
# on those 22 cards; the format's distance alone guarantees 2).
CODEBOOK_MIN_MARGIN_MODULES = 10
# --- a code seen in a mirror (mirror.py) ---------------------------------------------------------
# Share of a code's 238 data and format modules that must agree better with its printed symbol
# mirrored than as printed for the code to be called mirrored (its card is then not read). Two
# different symbols agree on about half of those modules. Measured on every code of 11 tuning
# photos (blur, JPEG, pastel paper): as printed >= 0.86, mirrored <= 0.65 (mirrored minus printed
# <= -0.26); on the same codes photographed mirrored: +0.28 to +0.44. 0.15 lies between.
MIRROR_MIN_AGREEMENT_GAIN = 0.15
# Lost windows read this way per photo (each a few ms); more are left lost and counted.
RECOVER_MAX_WINDOWS = 12
RECOVER_MAX_FINDERS = 6  # finders of one window tried as an L (6 x 5 x 4 orderings)
# A sampled grid is decoded only if this share of its function-pattern modules (finders,
# separators, timing: 203 of 441) came out right: ~0.5 on texture or a grid off by a module.
RECOVER_MIN_PATTERN_AGREEMENT = 0.85
# When the plain samples give no text, the measured blur is undone on the code's window (Wiener,
# noise-to-signal ratio below): a line of 1 / sharpness px along the motion, a Gaussian of
# 0.4 / sharpness px, each at these fractions (the sharpness over-states a blur by ~10-25 %,
# and an over-estimated blur rings: a 6 px line on a 4.8 px motion gave 23-42 wrong modules,
# 4-5 px none). Measured on tuning-like photos at 2.0-2.2 px/mm: 10-27 wrong modules -> 0-2.
RECOVER_PSF_SHRINK = (0.85, 1.0)
# A motion's line drawn this many times finer than the photo's pixels, then averaged
# (locate.subpixel_line_kernel): its ends between pixels, as a camera's shake has them.
LINE_KERNEL_SUPERSAMPLE = 8
RECOVER_WIENER_NOISE = 0.01
# A motion measured longer than BLUR_LENGTH_RANGE_PX (9 px) measured a wall's soft texture,
# not the shake (shakes of 6.8-6.9 px measured 14-15 px, the walls' texture on 7 and 10 of
# their 12 patches): the last lines tried are these lengths, at the measured angle. A line
# reads a code shaken 6.8-6.9 px when 5.5-8.5 px long (13 cards at 2.0-2.6 px/mm; 6.5-7.0 px
# for all), none at 9 px: 1 px apart, one is within half a px of any shake a code is read
# through.
RECOVER_UNMEASURED_SHAKES_PX = (5.0, 6.0, 7.0, 8.0)
# A soft focus measured wider than BLUR_SIGMA_RANGE_PX on a photo where nothing was read: its
# wall's texture filled most patches (a 7.5 px shake at 161 degrees measured 0.076, anisotropy
# 1.2, at 124 degrees). Lines of those lengths every RECOVER_SEARCH_ANGLE_STEP_DEG (a line reads
# within 11 degrees of the shake) are ranked by how well the code's own patterns stand apart once
# deblurred by them; the RECOVER_SEARCHED_LINES best are tried last, the decoder's texts only.
RECOVER_SEARCH_ANGLE_STEP_DEG = 22.5
RECOVER_SEARCHED_LINES = 3
RECOVER_DEFAULT_SIGMAS_PX = (1.5,)  # no code decoded to measure the blur on
# Two finders with no third (blur erased its rings), in a blurred photo only: pairs of one size
# (FINDER_PAIR_SIZE_RANGE) at a side (2 finder widths) or a diagonal (2.8) apart; the third is
# looked for at the 6 places that complete the square, kept if its picture correlates at least
# this much, and the grid is read as a lost window's. At most RECOVER_MAX_PAIRS pairs a photo,
# among its RECOVER_MAX_FINDERS_PAIRED best-shaped unexplained finders.
RECOVER_PAIR_WIDTHS = (1.6, 3.3)
RECOVER_MODULE_WIDTH_RANGE = (0.7, 1.4)  # module from the pair's distance / finder width / 7
RECOVER_MIN_FINDER_MATCH = 0.5
RECOVER_THIRD_REACH_MODULES = 2.5  # extrapolated 14 modules from two centres off by ~0.5 module
RECOVER_MAX_PAIRS = 12
RECOVER_MAX_FINDERS_PAIRED = 40

# A blurred photo measured on itself (scan/deblur.py), for the codes whose finders blur erased:
# the steepest edge over the contrast, per direction, on the DEBLUR_PATCHES most contrasted
# squares of DEBLUR_PATCH_PX (cards, their codes and text). Measured on 28 shaken (4-8 px) and
# soft (1.7-2.3 px) walls at 2.0-2.4 px/mm: the softest direction within 11 degrees of the
# motion, motion walls at anisotropy >= 1.5, soft ones <= 1.2; a motion's length ~1.3 / sharpness
# (1.0-1.6), a soft focus's sigma ~0.39 / sharpness.
DEBLUR_PATCHES = 12
DEBLUR_PATCH_PX = 160  # px: about a card's code and its surroundings at 2.0-2.7 px/mm
# among the 3 x DEBLUR_PATCHES most contrasted, only those whose contrast (95th - 5th percentile)
# is this share of the best one's: a patch of flat paper with a code in one corner measures its
# noise (a 6 px motion measured 0.38, "sharp", on such patches, 0.2 on whole codes)
DEBLUR_PATCH_MIN_CONTRAST = 0.6
DEBLUR_PATCH_MIN_GREY = 40  # grey levels: below, no printed edge to measure (a dark, flat photo)
# Below this photo sharpness (~1 / the blur's length: a 4 px motion or a 1.3 px soft focus), the
# photo is deblurred and searched a second time (~0.3 s for the Wiener filter, plus a finder
# search of 0.3-1 s, within the photo's budget). Sharp wall photos measure >= 0.3.
DEBLUR_BELOW_SHARPNESS = 0.27
# ... or below this sharpness of the codes read (or their finders: Search.blur), whatever the
# photo's patches say: a shake of 5.3 px at 2.2-2.3 px/mm measured 0.19 on the codes but 0.28,
# "sharp", on the photo's patches (its printed text on white paper), and a card whose code only
# a deblurred search could see was lost (hard-blur walls, seeds 3820-3869). The codes of walls
# shaken 2.5-4 px measure 0.24-0.33, of walls shaken 4.3-6 px 0.17-0.22.
DEBLUR_CODES_BELOW_SHARPNESS = 0.21
# ... but when the codes read are all big (BLUR_PASS_BELOW_PX_PER_MODULE), only if the photo as
# it is shows a card none of them explains (bymarkers.unread_card_markers): a card's markers
# whose code's place agrees with a code's patterns at least this much. Measured on the photo as
# it is (shaken): the places of cards the first search missed agreed 0.74-1.0 (30 walls shaken
# 5-9 px at 2.0-3.3 px/mm, seeds 4060-4089), the hundreds of rectangles of letters, specks and
# codes' modules at most 0.65 (those walls, and the 18 family-1 photos of bench_scan, where the
# deblurred search ran on 2 with no card gained, 0.5 s each).
DEBLUR_UNREAD_CARD_MIN_AGREEMENT = 0.7
# ... and when the codes read are a little less shaken than DEBLUR_CODES_BELOW_SHARPNESS and
# the photo's patches look sharp, below this sharpness of the codes, also only if the photo shows
# such a card: a shake of 4.7 px at 2.0-2.1 px/mm measured 0.217 on the codes, 0.287 on the
# patches, and two curled cards whose codes' places agreed 0.8-1.0 were lost (wall 4711).
DEBLUR_UNREAD_CARD_BELOW_SHARPNESS = 0.25
# A patch of the photo measuring under this share of the codes' sharpness measured the wall's
# own soft texture (moon craters, plaster shading more contrasted than the cards: 8 of the 12
# patches of wall 3821), not the blur, and is left out: a 6.4 px shake measured 0.054-0.072 on
# those, 0.14-0.18 on the patches of cards, 0.16 on the code read, and the median, 0.07 (a 10 px
# line), deblurred the codes into rings. The photos of walls 3820-3869 measure 0.8-1.5 times
# their codes, such walls 0.3.
DEBLUR_SOFT_WALL_SHARE = 0.6
# With no code read to compare with, the patches' own sharpness at this percentile stands for
# the codes': a photo shaken 6.9-7.0 px with nothing read measured 0.06-0.08 on 6-7 of its 12
# patches (soft wall texture) and 0.11-0.25 on the cards'; the median over them all (0.07, a
# 14 px line; or anisotropy 1.4, a soft focus) lost every card its code's blur alone read.
DEBLUR_SHARP_PATCHES_PERCENTILE = 75
DEBLUR_LENGTH_PER_SHARPNESS = 1.3  # px
DEBLUR_LENGTH_RANGE_PX = (2.0, 10.0)
# A photo measuring a motion longer than that measured a wall's soft texture (19.5 px for a
# 6.84 px shake, 10 of its 12 patches on the wall): it is deblurred by a line this long
# instead (shakes a code is read through are 4.5-8 px; a line too long rings, one too short
# only sharpens less). Wall 26338 (6.84 px): the cards' codes' places agreed 0.70-0.75 on the
# photo deblurred by a 10 px line, under MARKER_CARDS_MIN_AGREEMENT; 5 of 5 read by 6-7 px, 4 by 8.
DEBLUR_UNMEASURED_SHAKE_PX = 6.0
DEBLUR_SIGMA_PER_SHARPNESS = 0.39  # px
DEBLUR_SIGMA_RANGE_PX = (0.8, 3.0)
# The Wiener filter's noise-to-signal ratio: 0.01 amplified the sensor noise and JPEG blocks
# until zxing read fewer codes than on the blurred photo; 0.03 read more on 18 of 20 shaken walls.
DEBLUR_WIENER_NOISE = 0.03
# A card whose code was read only on the deblurred photo is itself that blurred: its boxes and
# vote strips are read on the photo as it is, but never sure (proposals a person confirms).
DEBLURRED_CARD_MAX_CONFIDENCE = 0.6
# A card of a photo whose codes are blurred over at least this length on the card (mm: the codes'
# measured blur, BLUR_LENGTH_PER_SHARPNESS / sharpness px, over the card's px/mm) is read the same
# way, never sure: a camera shake of 2.5-3 mm (half a 5 mm box) smears the outline's corners into
# strokes that read as ticks at 0.89-1.0 on empty boxes. Measured on a card at 2.2 and 2.7 px/mm:
# shakes of 2.0 mm give 2.6-2.7 (boxes read right), 2.5 mm 3.1-3.3, 3.0 mm 3.5; a margin below.
SHAKEN_CARD_MIN_BLUR_MM = 2.8
DEBLUR_KERNEL_PX = 33  # px: the Wiener inverse of an 8 px line dies out within 16 px

# Cards found by their corner markers on the deblurred photo (scan/bymarkers.py), when their
# code's finders are lost even there: solid dark blobs (an adaptive threshold of
# MARKER_CARDS_BLOCK_PX, MARKER_CARDS_OFFSET_GREY below the local mean) of a 5 mm marker's size
# at these px per mm (the second family's walls are at 2.0-2.7, perspective adds 10-15 %),
# filled at least MARKER_CARDS_MIN_FILL of their bounding box (a motion smears a square into a
# parallelogram: 0.6-0.8); four forming a card's marker rectangle within
# MARKER_CARDS_SHAPE_TOLERANCE (side ratio, square corners, the fourth corner's place).
MARKER_CARDS_PX_PER_MM = (1.8, 3.2)
MARKER_CARDS_BLOCK_PX = 21  # px of the photo shrunk twice: three markers wide at 2.7 px/mm
MARKER_CARDS_OFFSET_GREY = 20
MARKER_CARDS_MIN_FILL = 0.5
MARKER_CARDS_SHAPE_TOLERANCE = 0.12
# side ratio and square corners of a card's marker rectangle, relative: a wall seen at an angle
# shears and foreshortens a card (a 25 % foreshortening across the frame gives 0.2-0.35 near
# its edges: 0.12 lost a quarter of the cards of the blur sweep; the code's place, checked next,
# is what tells a card from look-alikes)
MARKER_CARDS_OBLIQUE_TOLERANCE = 0.35
# a marker's ring (0.4-1 side out: its 2 mm of white paper) this much lighter than its middle
MARKER_CARDS_MIN_CONTRAST_GREY = 40
MARKER_CARDS_MAX_BLOBS = 160  # the most alone: 20 cards' markers and as many look-alikes
# per card type, best-shaped first, each turned four ways: an oblique card, 0.3-0.45 off a
# rectangle, ranks behind a wall's look-alikes (261st of 1120 in the unit test); their codes'
# places are all checked in one remap (~0.05 s)
MARKER_CARDS_MAX_RECTANGLES = 600
# function patterns (finders, separators, timing) sampled right where the code should be: 0.98-1
# on the cards of shaken walls, 0.5-0.75 on rectangles of markers of neighbouring cards
MARKER_CARDS_MIN_AGREEMENT = 0.8
# a card curled 3-5 mm off the wall has its lower markers 5-12 px off: the code's place they give
# is up to half a module out (agreement 0.41-0.79 there, 0.90-0.995 half a module away, on the
# blur sweep's curled cards); so many best-shaped rectangles per card type also try the code's
# place moved half a module each way (8 moves, ~0.05 s a photo)
# Raised from 150 to 300 (cards26): a card curled 4.2 mm, its rectangle ranked 228th of 622
# (error 0.50), agreed 0.78 as placed and 0.995 half a module away (long shakes, seed 26741);
# +0.02-0.04 s of placements() on such a wall.
MARKER_CARDS_SHIFTED_RECTANGLES = 300
MARKER_CARDS_MAX_READS = 12  # placements read as a code (decode_grid, 0.05-0.3 s each), best first
# Cards showing three of their four markers (scan/bymarkers.py ``cards_by_three_markers``): the
# best-shaped triples in an L per card shape, among the markers no read card explains. A wall of
# cards leaves 70-130 such blobs (look-alikes: text, the wall's specks), giving hundreds of L's:
# checking 600 of them cost 0.15-0.24 s on family 1's blurred walls, where no card was missing.
# 100 lost two cards of long shakes (6.5-7.5 px, seeds 25400-25424, 2.0 and 2.1 px/mm) whose
# triples, of a card seen in perspective or curled (errors 0.36-0.39), ranked 114th and 167th.
# The same triples tell whether a photo of big codes shows a card none of them explains
# (unread_card_markers, then the deblurred search): with 300, wall 25440 (shaken 7.1 px, codes
# read at 3.3 px/mm) was searched again and 4 cards at 2.3-3.3 px/mm were read, lost with 100.
# Raised to 500 (cards26): cards seen in perspective or curled 2.3 mm, their triples ranked up
# to 427th (errors 0.43-0.57), agreed 0.78 as placed and 0.90 half a module away (seed 26754;
# one at 825th, 26721, is still left: 1000 cost 0.13-0.19 s a blurred wall, 500 0.04-0.06 s).
MARKER_CARDS_MAX_TRIPLES = 500
# A triple's fourth marker is put where the three make a parallelogram; a card seen in
# perspective has it 10-15 px away (2.1-2.8 px/mm), which moves the code's place by about a
# module. So the MARKER_TRIPLES_SHIFTED best-shaped triples whose code's place agrees under
# MARKER_CARDS_MIN_AGREEMENT, even half a module away, also have it tried up to this many
# modules away each way, by half modules (40 more moves). Measured on those long shakes: two
# cards at 2.6-2.8 px/mm (triples ranked 21st and 38th) whose place agreed 0.38-0.44 agreed
# 0.87-0.90 a module away, and were read there.
MARKER_TRIPLES_SHIFT_MODULES = 1.5
# Raised to 100 (cards26): a card whose fourth marker a neighbour's card hides, its triple
# ranked 62nd (error 0.39), agreed 0.38 as placed and 0.85 1.5 modules away (seed 26734);
# +0.03 s. The three raised together: a full scan of the slowest shaken walls (default
# budget, alternated with the old limits) +0.0-0.1 s, 1.37-2.33 -> 1.44-2.35 s.
MARKER_TRIPLES_SHIFTED = 100
# Four markers of a card curled 4.4-5 mm off the wall, the two lower ones 7-9 px off (2.1-2.4
# px/mm): the code's place they give is about a module out (agreement 0.46-0.69 there, under 0.8
# half a module away, 0.83-0.90 a module away; read there). So the MARKER_RECTANGLES_FAR_SHIFTED
# best-shaped rectangles (those cards' ranked 0th-10th) still under MARKER_CARDS_MIN_AGREEMENT
# also have the triples' moves up to MARKER_TRIPLES_SHIFT_MODULES; and every triple
# (MARKER_CARDS_MAX_TRIPLES, not only the MARKER_CARDS_SHIFTED_RECTANGLES best-shaped) has the
# half-module moves: two cards showing three markers, their triples ranked 201st and 241st
# (errors 0.39-0.44), agreed 0.59-0.70 as placed and 0.91-0.94 half a module away. Measured
# without budget on long shakes (6.5-7.5 px, 2.0-2.7 px/mm, seeds 25900-25979): 588 -> 594/605
# cards >= 2.0 px/mm, 0 false; the marker steps' CPU +0.05-0.1 s on such a wall.
MARKER_RECTANGLES_FAR_SHIFTED = 50

# --- time budget (budget.py) ---------------------------------------------------------------------
# Seconds, on one core, from the start of scan_image, after which the optional steps of the code
# search (finder tiles, windows, blind tiles, blur retries) are skipped and the photo gets a
# ``time_budget`` hint. Issue 8 asks for any 12 MP photo in <= 3 s: JPEG decoding (~0.15 s),
# the full-frame decode (<= 0.1 s) and the reading of the cards found should fit in the rest;
# they did when a card took ~5 ms, no longer since vote strips and refits grew (up to 1.4 s for
# a wall of 12 cards on the AMD machine of 2 December, 12 h 26: slowest photo 3.24 s; and a
# blurred wall at the budget's edge, validation seed w-313, then finds 6 to 11 cards from run to
# run): the reading is now bounded too, by PHOTO_TOTAL_BUDGET_S below (speed15, 2 December).
PHOTO_TIME_BUDGET_S = 1.8  # s
# Seconds, on one core, for the whole photo, the reading of the cards found included: a card whose
# turn comes after it is not read (its boxes and strips unsure, reason "temps", for a person), nor
# is a vote strip (~0.07 s each), and the ``time_budget`` hint names the cards left unread. Set so
# that the slowest photo stays under issue 8's 3 s with room for a slower machine: one step may
# still start just before it (a vote strip: ~0.07 s idle, up to 0.46 s on a loaded machine).
# Measured on the AMD EPYC of 2 December, 14 h 45, loaded (load 11-13 on 2 cores: CPU times
# ~1.6-1.8x idle), base and budget run side by side: slowest photo 4.21 -> 3.01 s (fresh
# family-2 walls 2600-2615 and vote walls 2632-2641), 3.25 -> 3.05 s (family-2 tuning); under
# that load 10 of 419 tuning boxes were left unread (0 confident wrong).
PHOTO_TOTAL_BUDGET_S = 2.5  # s
# The reading time each card found holds back from the search (locate.reading_cost_s): the
# search stops its optional steps once what is left of PHOTO_TOTAL_BUDGET_S would not read the
# cards already found. A card's reading grows with its boxes and strips: a small card (its
# markers, fit check, fields) ~0.01 s, each checkbox ~0.008 s more (an identity card, 15 boxes,
# ~0.13 s), each vote strip ~0.065 s more (speed14's stage means on family 2, idle AMD machine;
# cards of w-2614, loaded machine, 2 December: small cards 0.014-0.019 s, identity 0.20-0.26 s,
# need cards 0.29-0.73 s, i.e. ~1.6-2x these).
CARD_READ_RESERVE_S = 0.01  # s
BOX_READ_RESERVE_S = 0.008  # s
VOTE_STRIP_RESERVE_S = 0.065  # s

# --- rectification (rectify.py) -----------------------------------------------------------------
# px/mm of the rectified card and its crops: a 0.5 mm pen stroke is 4 px wide
CANONICAL_PX_PER_MM = 8.0
# Boxes are read at a lower scale: a wall photo has ~2.7 px/mm, so 8 px/mm would only interpolate
# (and cost 4x the warping); a 5 mm checkbox is still 20 px, a 0.5 mm stroke 2 px.
READ_PX_PER_MM = 4.0
MARKER_SEARCH_PX_PER_MM = 4.0  # px/mm of the small patch searched for one marker (20 px marker)
# The first (affine) fit on the QR extrapolates a 31.5 mm base to markers ~130 mm away: on wall
# photos at 35 degrees its error at a marker stays under ~4 mm, so 7 mm is searched first; a
# close-up at 30 degrees has strong perspective inside the card (~17 mm off at the far markers),
# hence the wider second try. The refit rejects a wrong blob found by the wide search.
MARKER_SEARCH_RADII_MM = (7.0, 25.0, 45.0)  # mm
# x the printed 25 mm2: blur, threshold, and a close-up's perspective (the near side looks up to
# 1.4x bigger in each direction in the first affine frame) grow or eat the square
MARKER_AREA_RANGE = (0.4, 2.6)
# blob area / its min-area rectangle: a square ~0.95, a disc 0.79, letters less
MARKER_MIN_FILL = 0.85
# min-area rectangle long/short side: ~1 for the marker, 1.6+ for a short word
MARKER_MAX_ASPECT = 1.45
# Offsets for the marker's adaptive threshold: block in mm (3 marker widths), offset in grey levels.
MARKER_BLOCK_MM = 15.0
MARKER_OFFSET_GREY = 10
# A marker whose refit residual exceeds this is a wrong blob (text, a neighbour's marker): drop it.
MARKER_MAX_RESIDUAL_MM = 1.5  # mm
# A projective fit needs points spread over the card: with fewer markers the fit stays affine.
MIN_MARKERS_FOR_PROJECTIVE = 3
# Without markers the QR-only fit is reported with at least this error: its corners are precise
# to ~1 px, i.e. ~0.4 mm at 2.7 px/mm, amplified ~4x at the far corner, plus the card's own
# perspective that an affine fit on 31.5 mm cannot see (measured 6 mm at 10 degrees close up).
QR_ONLY_MIN_ERROR_MM = 5.0  # mm
# With one or two markers missing the fit extrapolates to that corner: ~2 mm off measured on a
# close-up at 30 degrees. Reported at least this, so the review sees the fit is weaker.
MISSING_MARKER_MIN_ERROR_MM = 1.0  # mm
# The confidence of a reading given as a proposal for a person to confirm (a blackened box, a box
# whose outline is only partly verified, any reading on a loose fit): in the unsure band (< 0.5),
# far below the app's auto-accept line (0.75) and the calibration line (0.8).
PROPOSAL_CONFIDENCE = 0.45
# Beyond this fit error (a fit on the QR and at most one marker, reported >= 5 mm) a box or strip
# found within BOX_SEARCH_MM of its predicted place may be its neighbour (identity boxes are 7 mm
# apart; measured: a curled card read from its QR alone, 7 mm off, its boxes one row lower). Its
# readings are then proposals, capped in the unsure band (PROPOSAL_CONFIDENCE).
UNTRUSTED_FIT_MIN_ERROR_MM = 2.0  # mm
UNTRUSTED_FIT_MAX_CONFIDENCE = PROPOSAL_CONFIDENCE
# An unsure box ("trace", "déformé", "couvert", "hors cadre") is still given its most likely value
# where what is seen of it supports one: a proposal at this confidence, its reason kept, for a
# person to confirm (no value at all cost them a look and a key as well). Below
# PROPOSAL_CONFIDENCE (a verified box read by the convention as a proposal): here the outline or
# the mark itself is in doubt. Readings this low are no opinion when two photos are compared
# (scan.walls.disagreements), as "no value" was.
UNSURE_PROPOSAL_CONFIDENCE = 0.3
# ... and only from a reading whose own evidence is this strong (read_inside's confidence: 0.5 at
# a band edge, 1 one margin beyond): a score or a stroke in the middle of the unsure band says
# nothing either way.
UNSURE_PROPOSAL_MIN_EVIDENCE = 0.75

# --- reading (read.py) ----------------------------------------------------------------------------
BORDER_EXCLUSION_MM = 0.6  # mm inside a checkbox's printed outline: the border line plus fit error
# ... plus this many photo pixels: the outline's blur spreads over about one pixel of the photo
# (0.37 mm at 2.7 px/mm, where an empty box otherwise scored 0.05, in the unsure band).
BORDER_BLUR_PHOTO_PX = 1.0
PAPER_RING_MM = (1.0, 2.5)  # mm around a box where the local paper white is measured
# the ring may hold label text, a tick's tail: its 75th percentile is still paper
PAPER_PERCENTILE = 75
PAPER_HIGH_PERCENTILE = 90  # with the 75th: the paper's own spread (grain, JPEG), see below
# Grain and JPEG noise: this many sigmas of the paper's own spread (measured between its 75th and
# 90th percentiles) are not ink; without it an empty box scored 0.06 at 2.7 px/mm, 3 grey levels
# noise.
NOISE_ALLOWANCE = 2.0
BORDER_PERCENTILE = 15  # the darkest part of the printed outline is its ink after blur
# Paper minus ink is never taken below this fraction of the paper: a thin outline blurred at
# 2.7 px/mm looks pale, and a pen stroke is far darker than it.
MIN_CONTRAST = 0.5
# Checkbox score = mean darkness of the inner area, 0 (paper) .. 1 (as dark as the printed border).
# A tick of a 0.5 mm pen covers ~15-25 % of the 3.8 mm inner square, a stray dot < 3 %.
CHECKED_MIN_SCORE = 0.10
UNCHECKED_MAX_SCORE = 0.05
CHECKBOX_FULL_CONFIDENCE_MARGIN = 0.05  # score distance beyond a band edge that gives confidence 1
# Verify before reading (checkbox.py): each box's printed outline is looked for around its
# predicted place. Curl and a few mm of lift move a box ~1-2 mm on a photo taken at an angle;
# the next box of a column is 2 mm away from the outline (identity card), so the search stays
# at 2 mm: a box found at the very edge of the search is not trusted ("déformé").
BOX_SEARCH_MM = 2.0  # mm, each way
# Local refinement where the card is not flat (refine.py): a lifted edge (paper curl, a fold)
# shifts the paper there by up to its lift (1.5-5 mm in the second photo family), smoothly, on
# top of the card's homography. Each box's outline and each corner marker is first looked for
# this far round its predicted place: under half the identity card's 7 mm row pitch, so the
# nearest outline wins while the prediction is within half a pitch.
ANCHOR_SEARCH_MM = 3.4  # mm, each way
# An anchor disagreeing with the smooth field fitted to the others by more than this is left
# out (a neighbour's outline, a marker look-alike): a curl bends the paper over centimetres and
# an outline is located to about one read pixel (0.25 mm).
FIELD_MAX_RESIDUAL_MM = 0.8  # mm
# ... and a field that moves some box further than its anchors moved (plus this residual) is fitted
# again one degree simpler (scan.refine.fit_field): a quadratic passes through one odd anchor among
# flat ones and bends far from it (boxes5 probe: a sticker's edge over a box taken for its outline
# 2.25 mm off, the corner markers out of the photo: a row of boxes moved 6 mm onto the next one, an
# empty box read "checked" at 1.0 on its neighbour's tick).
# Anchors needed for each degree of the displacement field (card mm -> mm): a constant shift,
# an affine field, a quadratic one (a curl grows with the square of the distance into it).
FIELD_MIN_ANCHORS = (1, 4, 9)
# A box whose own outline was found with confidence is read where it was found if the field
# fitted to all anchors puts it within this distance: the field is smooth and low-order, a curl
# near an edge or a missing corner marker's extrapolation bend the paper faster (measured 1.2-3.7
# mm off the field on the second photo family). Under half the 7 mm row pitch, with margin.
FIELD_OWN_MAX_MM = 3.0  # mm
# The field never moves a box further than this from the homography's place: the largest lift
# measured (5 mm) plus a loose fit's error at the far side.
FIELD_MAX_SHIFT_MM = 6.0  # mm
# A corner marker anchors the field when its 5 mm square is this much darker (fraction of the
# paper) than its printed clearance ring (1-2 mm round it): ~0.8 sharp, ~0.5 under 2 mm blur.
MARKER_ANCHOR_MIN_CONTRAST = 0.3
MARKER_ANCHOR_RING_MM = (1.0, 2.0)  # mm outside the marker: white by the layout's clearance
# Whole-card fit check (wholefit.py). A feature (checkbox outline, corner marker) verifies the
# pose when found this close to where the pose puts it: a curl moves boxes up to ~3 mm off the
# card's homography (the local field, refine.py, follows it), a wrong pose by one row moves them
# 7 mm (the identity card's row pitch).
FIT_CHECK_TOLERANCE_MM = 3.0  # mm
# The pose is confirmed by at least this many features and this share of those in the photo
# (a hand or a neighbour card hides a few; a pose centimetres off at one side loses every
# feature on that side).
FIT_CHECK_MIN_VERIFIED = 4
FIT_CHECK_MIN_SHARE = 0.7
# The refit looks for each feature this far round the pose's place: the worst pose measured on
# the second photo family was 28 mm off at a far corner (two markers hidden, strong perspective).
FIT_REFIT_REACH_MM = 30.0  # mm, each way
FIT_REFIT_CANDIDATES = 6  # places kept per feature (its neighbours in a box grid, a filled box)
FIT_REFIT_TRIALS = 300  # at most (half from the QR and two places, half from four; all if fewer)
# A candidate agrees with a hypothesis within this distance: an outline is located to ~0.5 mm
# under blur, plus the perspective a hypothesis from few points gets wrong; under half of the
# 7 mm row pitch, so that a neighbour's outline never agrees in its place.
FIT_REFIT_INLIER_MM = 2.0  # mm
# The QR counts as one more feature of a hypothesis that puts each of its four corners within this
# distance of the corner decoded (wholefit.qr_agrees): the decoder places a corner to ~1 px (0.4-0.6
# mm at 1.7-2.7 px/mm) and four outlines located to ~0.5 mm predict the QR inside the card no worse.
# Measured: wall 836 (1.73 px/mm, soft 1.6 px), hypotheses through the true places 0.17-0.24 mm, the
# box grid aliased by a column 180 mm; fresh wall 1226 (a need card curled 4.6 mm: five features,
# any four fitted exactly), the QR and two marker look-alikes 1.21 mm.
FIT_REFIT_QR_INLIER_MM = 1.0  # mm
# The refit replaces the pose only if this many more features verify under it (or more, and
# enough to confirm it where the first pose was not confirmed: a need card has only five).
FIT_REFIT_MIN_GAIN = 2
# Refits per card at most (~0.1 s each): from the first pose, from the QR alone, and again from
# each better pose found (its far side then within FIT_REFIT_REACH_MM of the outlines).
FIT_REFIT_ROUNDS = 4
# photo px: a box (and its paper ring) this close to the photo's edge is "hors cadre"
FRAME_MARGIN_PHOTO_PX = 3
# mm of paper round a box that must be in the photo for it to be read at all: the paper band
# just outside its outline (OUTSIDE_BAND_MM), where the outline is verified. Short of the full
# paper ring (PAPER_RING_MM, 2.5 mm), a box at the photo's edge is "hors cadre" but read as a
# proposal (UNSURE_PROPOSAL_CONFIDENCE): measured on the second family, an empty box 2.3 mm from
# the frame's edge, its outline all there, had no value.
EDGE_MIN_PAPER_MM = 1.4  # mm
# Closer still, the photo's edge runs through the box's outline or just beside it. The box is
# then read only if the inside of the outline found (but EDGE_MIN_INSIDE_MM: the part of the
# inside that is read) is wholly in the photo and its outline is verified on every segment seen
# whole, at least EDGE_MIN_SEEN_SEGMENTS of 12: the side away from the edge and two of the three
# segments of each side beside it (the edge hides the fourth side and the ends of these two);
# as a proposal (UNSURE_PROPOSAL_CONFIDENCE), "hors cadre". Measured on bench_readings (cards
# 0-299): 7 boxes, crosses and ticks plainly in view, had no value.
EDGE_MIN_INSIDE_MM = BORDER_EXCLUSION_MM  # mm
EDGE_MIN_SEEN_SEGMENTS = 7
# photo px: bilinear sampling reads the next pixel; nearer the edge a patch pixel repeats the edge
EDGE_SEEN_MARGIN_PHOTO_PX = 1
# Places tried for a box outline, best response first, until one is verified: under blur a
# heading or a label beside the box, a circle drawn round it, can outweigh the outline itself
# (a tight circle: the box was the 6th place on the second photo family; 4 -> 8 found 4 more).
OUTLINE_CANDIDATES = 8
OUTLINE_BAND_MM = 1.0  # mm: the 0.35 mm printed line plus its blur at 2.7 px/mm (~0.3 mm each side)
OUTSIDE_BAND_MM = (0.7, 1.4)  # mm outside the outline: paper (the label starts 1.5 mm to the right)
# mm inside the outline, the deeper of the two paper bands inside a box (the nearer one mirrors
# OUTSIDE_BAND_MM): a 2 mm camera shake smears the outline ~1 mm into the box, past the nearer
# band, and a neighbour box 2 mm away smears into the outside band; the box's middle stays paper.
INSIDE_DEEP_BAND_MM = (1.2, 1.9)
# of the darkness in each outside band: its paper part (a label's first letter at 1.5 mm, smeared
# by motion blur, can darken the band's mean more than the outline's own contrast)
OUTSIDE_PAPER_PERCENTILE = 25
BOX_SIDE_SEGMENTS = 3  # each side is checked in thirds: a neighbour card's edge hides part of one
# Outline darkness minus outside darkness, as a fraction of the paper: a printed 0.35 mm black line
# gives ~0.3 in the 1 mm band even at 2.7 px/mm; a cover (white paper, a hand) gives ~0.
BOX_SIDE_MIN_CONTRAST = 0.06
# Below that, a segment is "faint" down to this contrast: soft focus and JPEG at 2.0-2.7 px/mm
# (measured 0.035-0.055 on the second photo family's uncovered boxes), where a cover gives
# 0.00-0.02. A box with at most BOX_SIDE_MAX_FAINT faint segments (of 12) and none weaker is
# read, its confidence capped in the unsure band (PROPOSAL_CONFIDENCE): a person confirms it.
BOX_SIDE_FAINT_CONTRAST = 0.035
BOX_SIDE_MAX_FAINT = 2
# A box whose outline is "déformé" only because a few of its 12 segments are gone (a tick's tail
# across the outline darkens the paper band beside it, a motion-smeared label beside one third)
# but whose place is verified by the others (not at the edge of the search) is read there as a
# proposal (UNSURE_PROPOSAL_CONFIDENCE). Measured: a motion-blurred tick with 11 of 12 segments
# strong had no value. A cover hides a whole side or more (over half: "couvert").
DEFORMED_PROPOSAL_MAX_WEAK = 2
# ... and a "yes" read inside (a tick's stroke or dark ink, own confidence >= 0.75, no reason) in a
# box placed by all but this many of its 12 segments, away from the search's edge, its corners'
# paper even (COVER_EDGE_MIN_STEP: no cover's or shadow's edge across it): a small thin tick
# touching or crossing the outline in soft focus at ~2 px/mm darkens the paper bands on both
# sides of the outline where it passes, a label smeared beside the box dims another third: 3-4
# weak segments (fresh walls 3100-3159: 4 ticks, 2500-2579: 2, all without a value before). A
# cover hides a mark, it draws none; a "no" keeps DEFORMED_PROPOSAL_MAX_WEAK (what is hidden may
# be the tick).
DEFORMED_YES_MAX_WEAK = 4
FAINT_OUTLINE_MAX_CONFIDENCE = PROPOSAL_CONFIDENCE
# A box whose printed outline is softened this much (median outline-minus-paper darkness of its
# segments; 0.40 sharp at 2.7 px/mm, 0.15 at 2 px/mm under a 0.8 mm soft focus) is read, but only
# as a proposal: there, labels smeared into the box read as ink at confidence 1.0 (an empty
# identity card's territory row, unit probe). Light grey prints reach it sooner: they lose sure
# readings, never gain wrong ones.
SOFT_OUTLINE_MAX_CONTRAST = 0.17
# Marks inside a verified box. A blackened box (filled: "yes", scribbled out past its outline:
# "cancelled", by the printed convention) covers most of the inside; a felt-pen cross under ~45 %.
# Share of the inside at least half as dark as the outline, with no edge middle left open
# (measured on the generator of tests/support at 2.7-4 px/mm: crosses 0.30-0.74 with 1-4 open edge
# middles, scribbles 0.83-1.0 and fills 0.93-1.0 with none)
BLACKENED_MIN_COVER = 0.6
# A scribble's zigzag may leave one edge middle open (measured: 5 scribbles of 800 at 3.2-4.8 px/mm
# with cover 0.73-0.85 and one open edge); a cross that dense and open on one side only is unsure.
BLACKENED_MAX_OPEN_EDGES = 1
# A pale pen (pencil, yellow felt pen) blackens a box at a third to a half of the outline's
# darkness: nowhere at BLACKENED's half of the outline, it read as a stroke, "yes" at 1.0 (red team
# probe of 2 December: 4 of 4 pale scribbled-out boxes). Cover and overflow are measured again
# against the mark's own darkness, this percentile of the inside's ink (a tick covers 15-25 %, so
# its percentile is its stroke's darkness and it stays a tick).
PALE_MARK_PERCENTILE = 90
# Only a pale mark: at most this share of the outline's darkness. Measured: pencil and yellow felt
# pen 0.33-0.53; a dark pen's tick or cross spread by soft focus or motion over a box at 1.8-2.7
# px/mm keeps 0.65-0.72 (tuning photos: 3 such boxes were read "blackened" without this bound)...
PALE_MARK_MAX_DARKNESS = 0.6
# ... and blackened evenly: this share of the inside at least PALE_MARK_EVEN_LEVEL of the mark's
# own darkness (pale scribbles and fills 0.91-1.0; blurred ticks and crosses 0.29-0.70)
PALE_MARK_EVEN_COVER = 0.8
PALE_MARK_EVEN_LEVEL = 0.7
# A pale blackened box is filled when its ink at half its own darkness stays in the outline (less
# than SCRIBBLE_MIN_OVERFLOW_MM past it), scribbled out when its ink at this share of its own
# darkness spreads past it by that much; in between it has no value. At half a pale mark's level
# (a quarter of the outline's) the outline's blur reaches far: pale fills in soft photos (2.0-4
# px/mm, blur 1-2.5 px) spread 1.5-2.0 mm there and read "noircie" (unit probe, 2 December);
# at 0.65 they spread 0.75-1.25 mm, pale scribbles 1.25-2.0 mm (19 of 26 at 1.5 or more).
PALE_SCRIBBLE_LEVEL = 0.65
# A blackened box is read by the convention (filled: checked; scribbled out: not checked) but with
# this confidence only: in the unsure band (< 0.5, below the app's auto-accept line 0.75 and the
# calibration line 0.8), because some people fill a box to cancel it or scribble inside it, and
# a heavy felt-pen cross at 2.7 px/mm can look filled. A person confirms the proposal with one key.
BLACKENED_CONFIDENCE = PROPOSAL_CONFIDENCE
# Filled or scribbled out? (the printed convention: "Oui : ... remplissez la case. Pour annuler :
# gribouillez-la en débordant.") The width of the blackened ink past the box, across or down:
# columns inked along at least SCRIBBLE_MIN_SHARE of the box's height, within SCRIBBLE_REACH_MM of
# it (a neighbour box is 2 mm away). Measured at 1.5-5 px/mm on both generators of tests/support:
# fills 0.25-1.25 mm (the outline and its blur, soft focus), scribbles past the edges 1.25-4 mm
# (1 of 154 below 1.5 mm).
SCRIBBLE_MIN_OVERFLOW_MM = 1.5  # mm, both sides together
SCRIBBLE_MIN_SHARE = 0.25  # of the box's height (width): a zigzag turns out on every other line
SCRIBBLE_REACH_MM = 1.5  # mm around the box
# A dark box blackened all over (BLACKENED_SOLID_MIN_COVER, below) is read by its ink at this
# share of the mark's own darkness (PALE_MARK_PERCENTILE of the inside), no longer at half the
# printed outline's: a solid fill's blurred edge crosses that level near the fill's own edge (as
# measured: soft focus 0.8-1.8 px, shake 2.5-6 px), while at half the outline's contrast (itself
# paled by blur) a fill's halo reached past the box and a scribble's thin turns, paled by blur,
# fell short of 1.5 mm. (A pale mark keeps 1.5 mm, pale_blackened: 65 % of its darkness is at
# most 0.39 of the outline's, where the outline's own blur spreads
# past the box.) Measured 3 December (boxes21 probe: second-family identity cards
# with fills and scribble-outs only, 2.0-2.7 px/mm, seeds 22000-22059, 2 888 blackened boxes):
# at >= 1.0 mm, 3 fills of 1 409 read scribbled out (one per blur: none, motion, soft) and 32
# scribble-outs of 1 479 read filled (0 sharp, 10 motion, 22 soft); the old measure erred on 28
# fills and 63 scribble-outs (none sharp). Not tuned on: seeds 22060-22089, 2 389 boxes, right
# 2 327 -> 2 353 (34 better, 4 worse, all proposals at BLACKENED_CONFIDENCE).
BLACKENED_EDGE_LEVEL = 0.65
BLACKENED_MIN_OVERFLOW_MM = 1.0  # mm, the wider way (across or down)
# A box blackened all over whose mark is lighter than its own printed outline (``own``, its ink's
# PALE_MARK_PERCENTILE, under this share of the outline ring's darkness) may be zigzags, not a
# solid fill: soft focus pales a scribble's thin lines as it pales the outline, while a solid fill
# keeps its darkness (second-family identity walls, seeds 26600-26659: soft-focus fills 194 of 194
# at 1.0; the 21 soft scribble-outs read "remplie" at 0.47-1.0, median 0.84, 1.7-2.5 px/mm).
# Their turns past the box, paled further, fall under BLACKENED_EDGE_LEVEL of it (0.25-1.0 mm):
# such a mark is scribbled out where its ink at half its own darkness spreads this far past the
# box (those scribble-outs 0.75-1.75 mm; fills lighter than their outline, all in sharp photos,
# 0.25-0.75 mm).
BLACKENED_UNEVEN_MAX_DARKNESS = 0.97
BLACKENED_UNEVEN_MIN_OVERFLOW_MM = 1.0  # mm, the wider way (across or down)
# ... and only a mark as dark at the inside's four edge middles as in it, this share of its own
# darkness at least on the palest (``checkbox.edge_middles``): a heavy cross blurred into a
# blackened box (lighter than its outline too, its arms past the corners spreading 0.5-1.75 mm at
# half its darkness) still leaves paler paper between its arms there (same walls: 41 such crosses
# 0.53-0.83; without this bound 28 of them, read "remplie", became "noircie"), zigzags do not
# (the scribble-outs spreading 1 mm or more: 0.90-0.98). Drawn probe (people_marks on identity
# cards, 1.8-2.2 px/mm, blur 1.4-1.6 px, 16 seeds): at 0.87 and 0.90, 9 and 2 crosses "noircie";
# at 0.91, none, 20 scribble-outs "remplie" -> "noircie".
BLACKENED_EVEN_EDGE_SHARE = 0.91
# ... where the box is blackened all over: this share of the inside at least half as dark as the
# outline (the probe's fills and scribble-outs: 1 405 of 1 409 fills and all 1 479 scribble-outs
# at 0.92 or more). A heavy felt-pen cross at 2.0-2.7 px/mm in a soft photo covers 0.6-0.66 and
# its arms, run 1 mm past the corners, spread 1.0 mm at that level: it keeps the old measure
# (SCRIBBLE_MIN_OVERFLOW_MM at half the outline's darkness), "remplie", a "yes" to confirm.
BLACKENED_SOLID_MIN_COVER = 0.9
# A camera shake smears a box's outline into it, as bands along its sides: an empty box read as a
# "trace" (second family's validation walls, seeds 201-232: 13 empty boxes under motion blur with
# no value, and one proposed "yes"; 2 mm shake at 2.2 px/mm: bands 1.5-2 mm deep). A trace or a
# weak "yes" is read again clear of the smear (scan.checkbox.outline_smear_mm): per side, the
# outline's ink profile inward, the OUTLINE_SMEAR_PERCENTILE along the side's middle (a stroke
# across the side covers less than half of it), as far as it stays above INK_MIN_DARKNESS, at most
# OUTLINE_SMEAR_MAX_MM (the inside read keeps 1 mm of a 5 mm box); only where it reaches
# OUTLINE_SMEAR_MIN_EXTRA_MM (a read pixel) past the outline's own blur already left out.
# A "yes" from the mean darkness alone (no tick's stroke), the smear past the band left out on all
# four sides, that the inside read so does not keep is a "yes" to confirm
# (scan.checkbox.is_outline_blur_yes): in soft focus at ~2 px/mm (blur
# 1.4-1.6 px) an empty box's inside took the outline's blur 1.25-1.75 mm deep and read "yes" at
# 0.80-0.87 (drawn probes, 2 December; clean paper ring, low noise, mostly yellow paper).
# So too a "yes" from a "stroke" that is only the outline printed heavier (ink bleed, heavy toner,
# dot gain: ink 0.35-0.5 mm inside instead of ~0.15-0.18), blurred into a frame of ink round the
# read inside, TICK_MIN_MM long and TICK_MIN_SPREAD_MM bent (2.5 mm, spread 0.55-0.85 mm): the
# need card's lone box, empty, read "yes" at 0.97-1.0 in 10 of 40 soft camera/paper settings at
# 0.35 mm, 30 of 40 at 0.5 mm (review15's probe, 2 December). It is lowered where the inside read
# clear of the smear does not keep it, where the outline's own blur profile alone (per column
# (row) along the box's middle, its FRAME_PROFILE_PERCENTILE ink: scan.checkbox.
# outline_frame_strokes) makes such a stroke in the read inside, and where no blob TICK_MIN_MM long
# stands out of that profile (those empty boxes: 0-0.5 mm; small ticks 0.5-2.75 mm, those out of
# the clear middle 1.5 mm and more). With the median profile (as stroke_along_outline_mm takes
# it), a tick's two arms near one side, crossing half the middle in soft focus, were counted as
# the outline's blur: 74 of 2,600 sure "yes" ticks lowered in outline16's drawn probe (small,
# corner and edge ticks, 3 papers, 1.96-2.7 px/mm, blur 0.7-1.6 px), 4 with the 20th percentile.
FRAME_PROFILE_PERCENTILE = 20
OUTLINE_SMEAR_MAX_MM = 2.0  # mm
OUTLINE_SMEAR_PERCENTILE = 50
OUTLINE_SMEAR_MIN_EXTRA_MM = 0.25  # mm
# along the side, this far from each end: the other sides' smear (the corners) is left out
OUTLINE_SMEAR_END_MM = 1.0  # mm
OPEN_EDGE_MAX_INK = 0.3  # mean ink of an edge middle of the inside still called paper
# Of the outline's contrast, beyond the noise allowance: a thin light-blue stroke at 2.7 px/mm
INK_MIN_DARKNESS = 0.15
# Paper level spread between the box's four outer corners (fraction of the brightest) from which
# a reading is only a proposal (PROPOSAL_CONFIDENCE): the edge of tape, a hand or a card over part
# of the box. Matt tape (55 % of the print shows through) darkens white paper by ~10 %; measured
# on the second photo family's tuning part: 0.13 for a box under tape's edge (read right through
# it), <= 0.075 for 95 % of uncovered boxes (15 of 347 above 0.08: proposals, still right).
COVER_EDGE_MIN_STEP = 0.08
# A "checked" reading that vanishes against the paper of the box's darkest side is foreign paper
# beside the box ("couvert") only if some side's paper is this much whiter (fraction of its grey)
# than the paper inside the box: white over pale yellow is 5 %, over pink 17 %; the card's own
# paper on both sides of a blurred outline differs by ~1 % (noise). Otherwise it is a faint trace.
FOREIGN_PAPER_MIN_STEP = 0.03
# ... and only if the inside's paper is not darker than the second darkest side's by this much
# (fraction of the whitest side's grey, scan.checkbox.own_paper_step): another card's edge whitens
# one or two sides of the ring, the box's own paper on the others and inside stays alike (at most
# 0.016 on 600 drawn empty pastel boxes beside a white card, gaps 0.2-0.8 mm, 2-2.7 px/mm, blur
# 0.6-1.6 px); a 2-3 mm tick in soft focus darkens all the inside read (0.09-0.16 on the drawn and
# fresh-wall ticks left "couvert", the next box's blurred outline darkening one side).
FOREIGN_OWN_PAPER_MAX_STEP = 0.03
# A "checked" reading that vanishes against its darkest side's paper, with no foreign paper, is a
# "yes" to confirm (scan.checkbox.is_tick_against_others) if that side's paper differs by less than
# this (fraction of its grey) between its three thirds, with a bent stroke left against the other
# sides' paper and one paper at the four corners (COVER_EDGE_MIN_STEP): the next box's outline,
# 2 mm away, blurred into one side, darkens it all along. A blurred pen dot beside the box darkens
# it in places (0.066-0.098 measured on the drawn probe where a dot was proposed "yes" without
# this); a shadow's or a cover's edge steps the corners' paper (0.25-0.33). Measured on fresh walls
# 1900-1979: 1 small soft tick no value -> "yes" proposed (three others, at more, stay no value).
SIDE_EVEN_MAX_STEP = 0.05
# ... or (scan.checkbox.is_tick_darkening_inside) if the paper inside the box is darker than the
# second darkest side's by at least TICK_INSIDE_MIN_STEP (own_paper_step), a bent stroke is left
# against that side's paper, and the corners' paper steps by less than TICK_INSIDE_MAX_CORNER_STEP.
# A heading or a label smeared into the darkest side makes it uneven, or the next box or a label
# in a corner zone steps the corners: the 16 ticks this proposes (identity-card walls 24601-24720
# in soft focus or a shake, 1.7-3 px/mm, no value before) had thirds 0.04-0.22 or corners 0.09-0.19.
# A small tick darkens the inside's own paper (0.04-0.15 there); the 5 empty boxes that reach this
# test there at most 0.019 (a pen dot beside the box, a line along a side leave the inside white).
# A shadow's or a cover's edge across the box steps the corners 0.25-0.45 (the probes of
# SIDE_EVEN_MAX_STEP).
TICK_INSIDE_MIN_STEP = 0.03
TICK_INSIDE_MAX_CORNER_STEP = 0.2
# A "checked" reading is read again with whatever is darker than the paper over this width each way
# taken as paper (scan.checkbox.flattened): a highlighter stroke across a row of boxes, a stain or a
# shadow's edge tints the inside of an empty box over millimetres; a pen stroke (0.2-0.8 mm, ~1.5 mm
# blurred at 2 px/mm) and the outline are narrower. If the mark vanishes so, it was a tint: no value
# or a proposal ("trace"). Found by a probe (boxes5, 1 December): empty boxes under a highlighter
# read "checked" at 1.0 at 2.0 px/mm, 3 of 180 boxes. At 2.5 mm, crosses blurred at 2.3 px/mm lost
# their value (the whole box dark in the closed patch).
TINT_MIN_WIDTH_MM = 3.5  # mm
# ... only where that tint is this deep (of the paper's grey) both inside the box and in the paper
# ring on two opposite sides of it: the outline's blur darkens a box's inside by 1-3 % and a blurred
# cross the ring's inner edge, and faint ticks read again against that were lost (probe: 11 of 180
# boxes of a washed-out print); a yellow highlighter is ~8 %, green or pink 14-18 %.
TINT_MIN_DEPTH = 0.05
# An empty reading with a bent stroke inside the outline, beside it, where the inside is not read
# (BORDER_EXCLUSION_MM and the blur): a small tick pushed into a corner of the box was read "no"
# at 0.80-0.90 (boxes5 probe: 2-2.5 mm ticks touching the outline at 2.3-2.7 px/mm, 3 of 180
# boxes; their blob 2.25-2.5 mm long, spread 0.37-0.42 mm, once the outline's blur is taken off,
# scan.checkbox.stroke_along_outline_mm). Such a "no" is a proposal (PROPOSAL_CONFIDENCE). Sure
# empty boxes of the second family's tuning and validation walls (346): at most 2.25 mm long, and
# the longest with a spread >= TICK_MIN_SPREAD_MM 2.0 mm (0.33-0.34 mm; 2 of them, both 2.0 mm).
EDGE_TICK_MIN_MM = 2.25  # mm
# A tick drawn just outside the box, to its left (0.6-1.5 mm beside it, red team's probe): the box
# read "unchecked" at 0.85-1.0. Nothing is printed in this band left of a box on our cards (the
# label starts 1.5 mm to the right, the next box 2 mm above or below, the previous column's label
# ends 3 mm or more before it: "Guillestrois-Queyras", the identity card's territory row). A stroke
# there at least TICK_MIN_MM long and not quite straight (its spread across its direction at least
# BESIDE_TICK_MIN_SPREAD_MM: a steady straight line is <= 0.19 mm, TICK_MIN_SPREAD_MM's
# measure; only part of a tick falls in the band, often its straighter arm), once the outline's
# blur is taken off (the median of each column), makes the "no" a proposal (PROPOSAL_CONFIDENCE).
# Probe, 10 seeds, small ticks left of the box at 2.0-2.7 px/mm: 45 -> 6 of 70 read a sure "no".
# Right of the box (over the label) and above or below (in the next box) a tick is not told from
# print: still 43 of 70 and 77 of 140 sure "no". Cost on the second family (tuning, validation
# 201-232, fresh 400-439): sure readings 671 -> 646, all of them pen slips beside the box and
# empty boxes still read "no"; bench_readings unchanged.
BESIDE_TICK_ZONE_MM = (0.9, 3.0)  # mm left of the box
BESIDE_TICK_MIN_SPREAD_MM = 0.2
# A "yes" whose ink lies all in a thin band along one side of the box, along most of that side, is
# a line along the side (a neighbour's circle whose arc runs over the outline into the box, a
# shadow's or another card's edge, the outline itself a pixel off), not a mark people make: a
# proposal (PROPOSAL_CONFIDENCE). Fresh walls 800-839: an empty box under the circle drawn round
# the box below it, the arc 0.75 mm deep along the whole bottom of the inside (read at 4 px/mm,
# 3 of 14 rows), read "yes" at 0.85 on its score alone (0.135, straight: spread 0.13 mm). A
# tick, a cross or a small tick (2-3 mm, TICK_MIN_MM) reaches deeper than SIDE_LINE_MAX_DEPTH_MM
# (a third of the inside, 3.3 mm across at 2.7 px/mm; plus a photo pixel for the blur) or spans
# less of the side. Unit probe (circles 1.2-1.4 mm into the box above, 2-4 px/mm): 22 of 32 sure
# "yes" before, none after. Cost: none (second family tuning, validation 201-232, fresh walls
# 840-879: no reading changed; 800-839: that box only; bench_readings identical, 1581 sure).
SIDE_LINE_MAX_DEPTH_MM = 1.0  # mm in from the read inside's edge
SIDE_LINE_MIN_SPAN = 0.6  # share of the side's length with ink in the band
EDGE_TICK_INSET_MM = 0.35  # mm inside the outline's middle: the printed line (0.3 mm) left out
# A line struck through a ticked box, past two opposite sides (a mark taken back with one stroke,
# not the printed convention's scribble): no value, reason "barrée" (scan.checkbox
# .is_struck_through). Along each side (this share of it), the darkness across the paper band
# OUTSIDE_BAND_MM out: a peak within the band (not at its end: a shadow's edge), at least
# STRUCK_MIN_PEAK of the outline's contrast above the band's lightest, its darker half at most
# STRUCK_MAX_WIDTH_MM wide, on both sides of a pair. Measured on the second family's tuning part and
# validation walls (876 boxes, 1.4-4.8 px/mm): ticks, crosses and fills <= 0.28, pen slips beside a
# box and empty boxes <= 0.54 (never read "checked"); probe strokes struck through a tick at
# 2.0-2.7 px/mm 38 of 40 caught (they were "checked" at 1.0), the 2 others leave by a corner.
STRUCK_SIDE_MIDDLE = (0.0, 1.0)
STRUCK_MIN_PEAK = 0.6
STRUCK_MAX_WIDTH_MM = 2.0  # mm: a pen stroke in soft focus at 2.3 px/mm is 1.75; a shadow is wider
# ... and in any direction, through a corner too (scan.checkbox.is_struck_along), where the side
# bands see the stroke at their ends: a straight line through the box's middle (within
# STRUCK_LINE_MAX_OFFSET_MM of its centre, every STRUCK_LINE_STEP_DEG) darker, where it runs
# STRUCK_LINE_BEYOND_MM past the box at both ends, than the paper STRUCK_LINE_SIDE_MM beside it by
# STRUCK_LINE_MIN_RIDGE of the outline's contrast. Past 0.6 mm: the outline's blur; before 1.5 mm:
# the label 1.5 mm to the right of the box, the neighbour box 2 mm above or below. Measured on the
# second family (tuning, validation 201-232, fresh 400-439), boxes read "checked": ticks, crosses
# and fills <= 0.36 but one small tick smeared along its own arm by a camera shake (0.98: see
# STRUCK_LINE_SHAKE_*); strokes struck 2.5-3 mm past a ticked box at 30-45 degrees, 2.7 px/mm,
# read "checked" at 1.0 before: 0.46-0.97. A strike ending at the corners (less than 0.6 mm past
# them) is a cross's arm: not seen.
STRUCK_LINE_BEYOND_MM = (0.6, 1.5)  # mm out of the box
STRUCK_LINE_SIDE_MM = 0.9  # mm beside the line: the paper (a pen stroke in soft focus is 1.75 wide)
STRUCK_LINE_MAX_OFFSET_MM = 1.0  # mm from the box's centre
STRUCK_LINE_STEP_DEG = 5.0
STRUCK_LINE_MIN_RIDGE = 0.45
# Two such lines this far apart or more are a cross whose arms run past the box's corners (a
# "yes"), not one stroke struck through a tick; the second may be fainter, down to this share of
# STRUCK_LINE_MIN_RIDGE (probe: crosses 1-2.5 mm past the corners, one arm 0.3-0.45 of the outline).
STRUCK_LINE_CROSS_MIN_DEG = 30.0
STRUCK_LINE_CROSS_SHARE = 0.5
# A camera shake smears a small tick's arm along its direction into a line past the box both ways
# (a small tick at 2.4 px/mm, validation seed 202, ridge 0.98, read "barrée"): under a shake (the
# outline's edges, smallest over largest eigenvalue of their structure tensor, at most this: sharp
# photos 0.66-0.99 for 90 % of boxes, shaken ones 0.05-0.44), lines within STRUCK_LINE_SHAKE_MIN_DEG
# of its direction are not taken for a strike.
STRUCK_LINE_SHAKE_MAX_ANISOTROPY = 0.5
STRUCK_LINE_SHAKE_MIN_DEG = 20.0
# Under a long camera shake along a column of boxes (6-8 px at 2.0-2.7 px/mm: 2.5-4 mm, more
# than the 2 mm of paper between two boxes) the outline's sides across the shake are smeared
# into bands that run into the next box's: the outline template then fits as well 2-3 mm along
# the shake as where it is, the box's own place (and the local field built from such places)
# is not pinned, and an empty box read where its smeared top and bottom sides fill the middle
# read "yes" at 1.0 (drawn probe, boxes27_tools/probe.py a: 56 of 272 sure readings wrong).
# A sure reading is then a proposal, reason "déformé", where the outline's edges are smeared
# away along one direction (shake_direction's anisotropy at most
# SHAKE_PLACE_MAX_ANISOTROPY: those boxes 0.03-0.11; sharp photos 0.66-0.99) and the outline
# template's response, along that direction, has another peak SHAKE_PLACE_RIVAL_MIN_MM or more
# from the place found at SHAKE_PLACE_RIVAL_SHARE of its response or more (those boxes
# 0.83-1.28; a box with no neighbour along the shake: one broad peak, no rival).
SHAKE_PLACE_MAX_ANISOTROPY = 0.15
SHAKE_PLACE_RIVAL_MIN_MM = 1.0
SHAKE_PLACE_RIVAL_SHARE = 0.75
# A tick struck through along its own long stroke (125-145 degrees, 2.5 mm past the box) read a
# sure "yes" (drawn probe, boxes25_tools/drawprobe.py: family-2 ticks in the four column boxes,
# 2.7 px/mm, seeds 0-11, angles +-3 degrees): where it leaves the box near its bottom left corner,
# the paper STRUCK_LINE_SIDE_MM beside it holds the outline of the next box in the column (2 mm
# below), and along the tick's tail the tail itself. The paper beside a line is read without the
# thin straight lines along the card's axes (the printed outlines): what a level or upright line
# STRUCK_PRINTED_LINE_MM long holds and a square STRUCK_PRINTED_WIDE_MM across does not (a
# shadow's edge is wider: it stays).
STRUCK_PRINTED_LINE_MM = 1.5
STRUCK_PRINTED_WIDE_MM = 1.25
# ... and a strike is one stroke through the box, inside it too: within
# STRUCK_LINE_INSIDE_REACH_MM of the line (one sample each side, a line found half a step off),
# STRUCK_LINE_INSIDE_INSET_MM in from the outline (its blur), at least STRUCK_LINE_INSIDE_MIN of
# the outline's contrast along all but STRUCK_LINE_INSIDE_GAP_PERCENTILE % of it (where it
# crosses the tick's strokes it is darker, nowhere paler than a pen). A tick's tail past one
# corner and a circle's arc under the other (the circle drawn round the box below) are no such
# line: between the tick's bottom and that corner lies paper. Measured, replay of the pipeline's
# own reads on identity walls 26200-26259 (tuning, 8 427 boxes seen, no time budget): 8 319 ->
# 8 318 right (a tick at 1.48 px/mm, proposed, now "barrée"), no sure reading changed, the one
# sure-wrong unchanged (a shaken empty box, not a strike); confirm walls 26260-26299 (5 590 boxes,
# not looked at before): 5 461 right before and after (2 ticks become sure, 3 sure ticks, 2 of
# them shaken, "barrée"), 0 sure-wrong. Drawn probe, sure "yes" on struck
# ticks: 178 -> 75 of 336 without a circle below, 198 -> 123 with one; unstruck ticks: 48 of 48
# sure before and after without a circle below, 23 -> 26 of 48 above a circled box.
STRUCK_LINE_INSIDE_INSET_MM = 0.6
STRUCK_LINE_INSIDE_REACH_MM = 0.25
STRUCK_LINE_INSIDE_MIN = 0.45  # of the outline's contrast, as STRUCK_LINE_MIN_RIDGE
STRUCK_LINE_INSIDE_GAP_PERCENTILE = 20
# Where a line runs under the box (is_line_under: the circle round the box below), a tick's long
# stroke and that circle's arc make one more line through the box, with a short gap inside it
# between the tick's bottom and the corner (0.3-0.5 of the outline's contrast there): with a strike
# at 40-45 degrees across the tick it looked like a cross ("yes" at 1.0). There, a cross is two
# lines unbroken inside the box: STRUCK_LINE_INSIDE_MIN on all but this share (%) of each. Drawn
# probe (as above, circle below): sure "yes" on ticks struck at 45 degrees 40 -> 32 of 48, at 40
# degrees 41 -> 28; nothing else changed (unstruck ticks above circles 26 sure, crosses past the
# corners still crosses); replay of identity walls 26200-26299: one hidden box's reason, nothing
# else.
STRUCK_CROSS_UNDER_GAP_PERCENTILE = 5
# A tick above a box circled in a column (7 mm apart): its long stroke, from its bottom up past
# the top right corner, points down at the circle's arc, which runs under the box through both
# bottom corner zones; is_struck_along took the tail and the arc for one stroke struck through the
# box ("barrée", no value; identity-card walls 25700-25758, no budget: 7 of 13 "barrée", all ticks,
# 5 sharp; bottom corners 0.33-0.85). Where both bottom corners hold this much ink (a pen line),
# and no strike is seen without an end below the box, the mark is proposed
# (PROPOSAL_CONFIDENCE, "barrée"), never sure: a real strike may also end there. Measured (replay
# of the pipeline's own reads): tuning 25700-25799, 13 848 -> 13 858 right of 14 047 (10 ticks,
# 7 sharp); confirm 25800-25859, 8 228 -> 8 234 of 8 404; nothing else changed, 0 sure-wrong.
STRUCK_UNDER_MIN_DARKNESS = 0.3  # of the paper's grey, as CIRCLE_MIN_DARKNESS
# a line's end counts as below the box where its mean point lies past the bottom side's line or
# beside the box up to this much above it (the arc runs up beside the bottom corner; tuning: a
# strike's end found 0.2 mm above it, 25794)
STRUCK_UNDER_ABOVE_MM = 0.5
# A straight grey line across an empty box and far past it (a worn laser printer's toner streak, a
# fold's shadow, a ruler's pencil guide line: grey 110-190 on the paper, 0.2-0.7 mm wide, any angle)
# is read as a tick's stroke where it is fainter than is_struck_*'s share of the outline (review
# finding T1: "yes" at 0.82-1.0). scan.checkbox.streak_across tries straight lines through the box
# (within STREAK_MAX_OFFSET_MM of its centre, every STREAK_STEP_DEG and STREAK_OFFSET_STEP_MM): a
# streak stands STREAK_MIN_RIDGE of the outline's contrast above the paper STREAK_SIDE_MM beside it
# all along its chord inside the box (its STREAK_CHORD_PERCENTILE: a mark crossing the chord is
# no line along it), from STREAK_NEAR_MM out of the box on without a gap at both ends (the same
# percentile: a label beside the box, the next box stop short of it) and far out at both ends
# (the median over STREAK_SPAN_MM): past what a mark's own stroke reaches (STREAK_MARK_REACH_MM: a
# big tick's arm, a cross's arms run a few mm past the box) and past the photo's blur, read on the
# printed outline (each side's cross profile, its width at half its height, the narrower of the
# two sides across each direction, both directions as one vector: a camera shake smears a tick
# along itself, but its ink ends within the shake's length, which widens the outline's sides
# across it alike). Its cross profile (out there, and all along its chord) is then taken off the
# box and the inside read again (``without_streak``): a tick on the line is still a "yes", at the
# confidence of what remains; nothing left: "no" as a proposal (UNSURE_PROPOSAL_CONFIDENCE); else
# "yes" as a proposal (PROPOSAL_CONFIDENCE), reason "trace". The prototype that took any line past
# the outline on both sides for a streak cost 6 sure ticks in camera shakes (walls 3100-3159).
# Drawn probe (streak18_tools/probe_streak.py, 100 kit identity and need cards, seeds 3400-3499,
# 2.0-2.7 px/mm, sharp, shaken or soft, JPEG 55-95): streaked empty boxes read a sure "yes" 23 ->
# 6 of 400 (left: two streaks crossing in one box, streaks that leave the card within 5 mm of a
# box at the card's edge); 3 sure ticks of 371 lowered (two small ticks smeared by a shake along
# the labels' row, at "Hors territoire", its label and the one before it read as a line both
# ways). Measured 2 December.
STREAK_MAX_OFFSET_MM = 1.5  # mm from the box's centre (a line farther out misses the read inside)
STREAK_STEP_DEG = 2.0
STREAK_OFFSET_STEP_MM = 0.5
STREAK_CHORD_SAMPLES = 9  # along its chord inside the box
STREAK_CHORD_PERCENTILE = 25
STREAK_NEAR_MM = 0.75  # mm out of the box
STREAK_SIDE_MM = 1.2  # mm beside the line: paper (a 0.7 mm streak blurred at 2 px/mm is ~1.5 wide)
STREAK_MARK_REACH_MM = 2.5  # mm out of the box
STREAK_SPAN_MM = 4.0  # mm along the line
STREAK_SAMPLE_MM = 0.25  # mm between samples along the line and across it
STREAK_MIN_RIDGE = 0.1  # of the outline's contrast (a stroke is INK_MIN_DARKNESS of it)
STREAK_PROFILE_MM = 2.0  # mm each side of the line: its cross profile, taken off the box
# A box whose ink a line struck through reads "barrée" (is_struck_*: no value) where that line is
# such a streak, running far past the box both ways (a toner streak, a fold's shadow, a card's
# edge; a pen's strike taking a tick back ends a few mm past it): the box read without it is
# proposed (never sure: a ruler's line across a row may cancel it), "yes" where a tick remains,
# "no" where nothing does, no value otherwise. A line dark enough to read "barrée" is taken off
# this many times its measured profile (lightened no further than the paper): once, 11 of 56
# empty boxes under such lines kept a "yes" of its leftovers (unit probe, 60 drawn identity
# cards); 1.5 times, 8, and 2 of 14 ticks fewer kept; twice, 7, and 3 ticks fewer.
STRUCK_STREAK_LIFT = 1.5
# A circle drawn round an empty box (a way of answering yes): ink in the box's diagonal corners,
# between these distances outside it, in at least this many of the four. Never "unchecked".
CIRCLE_PROFILE_MM = 2.75  # mm either side of a box's side line: its cross profile
CIRCLE_LINE_MM = 0.75  # mm: where the side's darkest point (the printed line) is looked for
CIRCLE_TAIL_MM = (0.75, 2.5)  # mm from that line: its tails, inside and outside
# A loop drawn close round a box (radius within ~0.7 mm of the half diagonal) passes inside the
# corner zones and along the sides about a millimetre out: boxes16's drawn probe read 48 such
# circled boxes "no" at >= 0.8. The ink beyond each side's printed line, outside less inside
# (darkness x mm, either sign): on sure "no" empty boxes (213, drawn identity cards, 1.9-2.7
# px/mm, blur 0.5-1.8 px, four papers) the third side's is at most 0.079 (labels, headings and
# the next box reach 0.44 on one or two sides); on 139 circled boxes it is 0.23 at the median,
# and 107 of them reach 0.10 (the rest: loops closer than 0.4 mm, or caught by the corners).
# Measured 2 December.
CIRCLE_HUG_MIN_EXCESS = 0.10
CIRCLE_HUG_MIN_SIDES = 4
CIRCLE_CORNER_MM = (0.5, 2.8)  # mm: a circle of 8.5 to 15 mm across
CIRCLE_MIN_DARKNESS = 0.3  # of the paper's grey: a pen line, not grain or a shadow's edge
CIRCLED_MIN_CORNERS = 3
# An empty box with fainter ink in some of those corners (a thin circle softened by blur, a
# neighbour's stroke passing by) is still read "unchecked", but never with confidence: a person
# looks. Half the circle's darkness, in three corners (a circle passes all four; a neighbour's
# tick tail, a corner marker or a label smeared by blur reaches one or two: with two, a close-up
# lost two sure empty boxes): a blurred pen line keeps about half its darkness at 2 px/mm.
CIRCLE_DOUBT_DARKNESS = 0.15
CIRCLE_DOUBT_MIN_CORNERS = 3
# A circled box is read "checked" (a way of answering yes), as a proposal only: a neighbour's
# circle or tick tail can also pass by three corners of an empty box.
CIRCLED_CONFIDENCE = PROPOSAL_CONFIDENCE
# ... and only with some ink in its fourth corner too, at least a blurred line's darkness: a circle
# passes all four. The marks of the boxes above and below (a scribble-out's zigzags past its
# outline, a tick's tail) reach three corners of an empty box at most, the fourth clean (measured:
# 0.03-0.07 there, read "entourée"; the 24 circles of the second family's tuning part, all
# four corners >= 0.33). Else the box is "unchecked" with a doubt (CIRCLE_DOUBT_*): a proposal.
CIRCLE_FOURTH_CORNER_MIN_DARKNESS = CIRCLE_DOUBT_DARKNESS
# With ink in all four corners instead, the palest at least CIRCLE_BLURRED_MIN_DARKNESS and this
# share of the printed outline's own contrast as seen (the median of its segments: blur softens a
# pen circle as much as the outline), a circle softened by blur is read "checked" (reason
# "entourée") as an unsure proposal (UNSURE_PROPOSAL_CONFIDENCE). The outline's own smear into the
# corners (a camera shake) and a neighbour's mark leave some corner fainter. Measured on the
# second family (tuning, validation walls 201-232, fresh walls 400-419 and 430-439), boxes with
# ink in four corners: circles have their palest corner at 0.20-0.41 and 1.02-1.47 times the
# outline's contrast (one at 0.58: left a "no" proposal); empty boxes and pen slips <= 0.98 times
# it (one, under a filled neighbour; the next 0.89), or paler than 0.14 (two empty boxes in strong
# soft focus, their outline at 0.10-0.12, at 1.06-1.10 times it).
CIRCLE_BLURRED_MIN_OUTLINE_SHARE = 1.0
CIRCLE_BLURRED_MIN_DARKNESS = 0.18
# Either way a circle is read only with a line beside the box's left side too, at the height of
# its middle (the median over the middle half of the side of each row's darkest point between
# 1.25 and 4 mm out): a circle round the box passes there (its arc 1.6-3.6 mm out at that
# height). On identity-card walls (second family, seeds 25200-25259, no budget) the circles of
# the boxes above and below an empty box in the consent column (7 mm apart), or a circle above
# and a filled box below, put ink in its four corners and it was read "entourée": 12 empty
# boxes, slips or ticks read empty inside, their line beside at most 0.04; the 640 circles
# there with ink in their corners at least 0.17, sharp, shaken or soft (one more circle in
# 25260-25299, drawn off its box: 0.02). Without it the box is "no" with a doubt
# (CIRCLE_DOUBT_*), a proposal.
CIRCLE_BESIDE_MM = (1.25, 4.0)
CIRCLE_BESIDE_MIN_DARKNESS = 0.1
# A circle drawn round the box 1.5-2 mm off to one side inks only the two corners on that side:
# the box was read "no" at 0.86-1.0 (review23: 10-11 mm circles 1.5-2 mm off, 92 of 256 boxes
# sure "no" at 2.0-5.0 px/mm). Both left corners inked make the "no" a proposal; the right
# corners are also reached by the label's letters (49 of 50 empty boxes with one side's corners
# inked were on the right: identity walls 25200-25215), the top or bottom ones by the marks of
# the boxes above and below, so there the circle's arc beside the box's left side is asked too:
# from this far out (mm) to CIRCLE_BESIDE_MM[1] at this darkness (a circle off to the right
# passes 0.3-0.5 mm out: 0.65 at 2.7 px/mm; those 50 empty boxes 0.17 median, 0.40 at most),
# or the usual line beside (CIRCLE_BESIDE_*: up or down). Identity walls 25200-25376 replayed:
# 129 of 12 567 sure "no" on empty boxes or slips become proposals, no value changes.
CIRCLE_OFF_BESIDE_NEAR_MM = 0.3
CIRCLE_OFF_BESIDE_MIN_DARKNESS = 0.4
TICK_MIN_MM = 1.5  # mm: a blob this long is a stroke (a 2-3 mm tick of a thin pen counts)
# mm across the stroke's direction: a tick bends, a slip of the pen is straight (measured on the
# generator: stray lines <= 0.19 mm, ticks >= 0.41 mm)
TICK_MIN_SPREAD_MM = 0.28
STRAY_MAX_MM = 1.0  # mm: a blob this short is a stray touch of the pen, not an answer
# Vote targets: fraction of the inner disc (this fraction of the radius) that differs from paper.
VOTE_INNER_RADIUS = 0.75  # of the printed circle's radius: keeps its outline out
VOTE_DARKNESS = 0.2  # fraction of the paper's grey level: pen ink and dark stickers
# colour (max-min of B,G,R) above the paper's, as a fraction of its grey: yellow too
VOTE_CHROMA = 0.18
# ... or a chromaticity (b, g, r shares) this far from the paper's: a pale peach sticker on pastel
# green paper is as colourful as the paper (its chroma passed VOTE_CHROMA only at its rim and was
# read as two pen marks, confidently) but of another hue (measured 0.08 away; paper grain and
# JPEG, smoothed over 1 px, stay under 0.02). Where darker than the paper (VOTE_DARKNESS), only
# a body wider than a line (VOTE_LINE_MAX_MM): JPEG's halved colour resolution gives a dark
# printed line on pastel paper another hue. Measured without this mask (1 December, 15 h):
# bench_readings reads better (82.7 -> 84.0 % exact on layout 2, before the body rule) but the
# second family's tuning part reads a peach 12 mm and a 19 mm sticker as 5 at 0.95: kept.
VOTE_HUE_SHIFT = 0.05
# mm: wider than the biggest sticker sold (19 mm): paper is within reach of every pixel
VOTE_PAPER_MM = 22.0
# The colour mask (VOTE_CHROMA) measures a pixel's colour against the card's own paper: its grey
# and tint are the medians of the margin's pixels on the card, VOTE_CARD_PAPER_INSET_MM inside its
# outline (the fit of a card on a wall photo is a little off), when they are at least
# VOTE_CARD_PAPER_MIN_SHARE of the margin (on the need card they are ~64 %; the rest is wall).
# The whole margin's median put the wall in the paper: a wall darker than pastel paper lowered
# the grey the colour is divided by, and the paper's own grain and JPEG colour noise passed
# VOTE_CHROMA. Measured without budget (replay of the recorded strips, family-2 vote walls):
# seeds 25600-25659 (tuning) 553 -> 565 exact of 668 (15 fixed, 3 broken, all at 0.4: 3
# stickers read 12, 4 pen dots 15, 6 stickers 13, on yellow paper, now right), sure 84 -> 85;
# seeds 25660-25699 (not looked at) 353 -> 358 of 432 (5 fixed, 0 broken), sure 44 unchanged;
# 0 sure-wrong; bench_readings layouts 1 and 2 identical strip by strip.
# On layout 2 (a plain area) the dark mask (VOTE_DARKNESS) is measured against that grey too
# when nothing on the area is thicker than the widest pen dot (VOTE_DOT_MAX_MM, votes.pen_only):
# a wall darker than the card lowered the margin's grey and pale pen ink fell out of the mask
# (green and blue tallies of 4-5, soft-focused, read 1), or black bars' blurred skirts (counted
# surely apart beside a dark wall, a proposal beside a white one). Sticker counts, layout 1's
# circles and ink_on_outline keep the whole margin's grey they were measured with: against the
# card's, the label above the area and the hatch band below it joined stickers hanging over them
# (sticker strips: 9 fixed, 11 broken on seeds 26100-26159), layout 1 lost 3 exact strips of
# 150 and the label passed ink_on_outline's width limit. Measured without budget (replay,
# family-2 vote walls): seeds 26100-26159 (tuning) 550 -> 554 exact of 658 (5 pen strips fixed:
# tallies read 1 for 5, 2 for 3..., 1 broken: 6 dots read 5 at 0.4), sure 103 -> 106; seeds
# 26160-26199 (not looked at) 383 -> 386 of 435 (4 fixed, 1 broken: 5 strokes on yellow paper
# sure, now 8 at 0.4), sure 64 -> 64; 0 sure-wrong; bench_readings layout 1 identical strip by
# strip, layout 2 identical but one 0.6 -> 0.4. A pen tally on the need card beside a dark, brown
# or white wall (96 scenes, votes25 notes): exact 79 -> 93, one reading on all three walls in 30
# of 32 settings (18 before), 0 sure-wrong; the 6 sure counts lost were black tallies that the
# same card beside a white wall already only proposed.
VOTE_CARD_PAPER_INSET_MM = 1.0
VOTE_CARD_PAPER_MIN_SHARE = 0.2
# A pale sticker the mask misses (votes.unmarked_bodies): a round body at least
# VOTE_UNMARKED_MIN_MM wide (an 8 mm sticker, blurred; the band a shadow's edge leaves is ~5 mm)
# whose colour is VOTE_UNMARKED_DELTA (Lab, 8-bit, lightness at half weight), and
# VOTE_UNMARKED_NOISE times the paper's own median difference (textured paper: bench_readings'
# papers measure 3-7), from the paper's around it, not in the mask, makes the count a proposal
# (VOTE_UNMARKED_CONFIDENCE). Probe (1 December 22 h): a peach sticker on pale yellow paper (12
# units from it, the same grey, 0.02 of hue) and a grey one in the lit half of a strip whose
# margin lay in shadow were read as no vote at 1.0. On the tuning, validation and bench_readings
# strips it finds no body at all: no reading changes there.
VOTE_UNMARKED_MIN_MM = 6.0
VOTE_UNMARKED_DELTA = 6.0
VOTE_UNMARKED_NOISE = 3.0  # times the paper's median difference (its texture)
VOTE_UNMARKED_NOISE_SAMPLE = 4  # that median is taken on every 4th paper pixel (speed)
# inscribed disc / extent: a sticker notched by the printed circles it covers ~0.75; a shadow's
# band along its edge, or a crescent beside a mark, much less
VOTE_UNMARKED_ROUNDNESS = 0.6
VOTE_UNMARKED_SMOOTH_MM = 0.5  # mm: paper grain and JPEG noise (3 units) fall to ~1 unit
VOTE_UNMARKED_CELL_MM = 2.0  # mm: the paper's colour is measured on cells this wide (their mean)
# mm: bodies narrower than this are closed and opened away from the paper's colour: two 19 mm
# stickers a few mm apart, blurred, still go (at VOTE_PAPER_MM, 22, one stayed in the paper)
VOTE_UNMARKED_PAPER_MM = 30.0
VOTE_UNMARKED_CONFIDENCE = 0.5
# A shadow's edge through a counted mark (votes.shadow_through_marks): the paper's grey changes by
# more than VOTE_SHADOW_STEP of the lit paper's within VOTE_SHADOW_REACH_MM of the mark; the count
# is then left to a person (0.4). Probe (1 December, 23 h): a grey 8 mm sticker straddling a 45 %
# shadow's edge was notched and read as 2 stickers at 1.0.
VOTE_SHADOW_STEP = 0.25
VOTE_SHADOW_REACH_MM = 2.0
# ... and within VOTE_SHADOW_REACH_MM anywhere on the strip (an edge, not a ramp of light falling
# off across the card) by VOTE_SHADOW_STRIP_STEP: a proposal (VOTE_UNMARKED_CONFIDENCE),
# a sticker on one side may be missed (a peach one on pale yellow paper with the edge through it,
# read 0 at 1.0). Sure strips of the tuning part, the validation set and bench_readings measure
# at most 0.26 (one strip; all others under 0.21); the probe's shadows dim paper by 45 %.
VOTE_SHADOW_STRIP_STEP = 0.3
# Votes as objects (votes.py). The counting area is the strip grown by this much: a dot sticker
# aimed at a top-row circle can stick out of the strip; a blob counts if its centre is on the strip.
VOTE_OUTSIDE_MM = 11.0  # mm: a 19 mm sticker centred 1.5 mm off the strip's edge still fits
# mm around a vote strip that must be in the photo to read it (its own box is enough); a mark
# touching the photo's edge may be cut by it: the strip is then read, but unsure
VOTE_FRAME_RING_MM = 0.0
# mm: a sticker (a thick blob) whose centre is this close outside the strip is half off it: a vote
VOTE_STICKER_OFF_MM = 3.0
# mm beyond the strip's box where its own print ends (its outline, bent by curl, and the circles are
# found within BOX_SEARCH_MM): farther out, thin dark print (label, hatch band, a neighbour's
# outline) is not a mark (scan.votes.without_print_around)
VOTE_PRINT_CLEAR_MM = 2.0
# ratio (along a side / across it): a thin blob inside layout 2's area, wholly within
# VOTE_PRINT_CLEAR_MM of a long side of its outline and at least this many times longer along that
# side than across it, is the printed line the outline's removal left (votes.outline_residue): its
# pieces found on the label printed just above the top side under blur or at low resolution, or
# the line blurred wider on one side than the band taken out. Such pieces were counted 1 at 0.95
# each (fresh seeds 700-779 and 1400-1459: 15 strips read one or more too high, on empty, pen and
# sticker strips alike). Measured on them: 2.1-18 times longer than wide (0.5-2.5 mm across,
# 3-9 mm along; 18 mm on a covered strip), their far edge 0.25-2 mm from the side; a pen dot is
# round (about 1), a tally bar runs across the long sides. No pen mark of those seeds, tuning or
# validation 201-232 lies so.
VOTE_OUTLINE_RESIDUE_ASPECT = 2.0
# mm: along a short side of layout 2's outline (where a tally bar runs the same way as the line), a
# thin piece within VOTE_PRINT_CLEAR_MM of the side is the printed line's residue only if its area
# over its length (its mean width) is at most this (votes.outline_residue). Measured on family-2
# vote walls 4400-4479 (votes22 probe): the left or right side left inside the area by its
# removal, counted as tally bars (3 bars read 5, 4 read 5, stickers 4 read 6 and 5), 0.44-0.75 mm
# wide, 4-22 mm long; a blurred pen bar drawn beside a short side is wider (bench_readings layout
# 2 seed 227: 1.6 mm; family-2 tally bars in the area's middle 0.81-0.88 mm). A piece taken as the
# line is not counted and sends the count to a person (0.4): never a sure count without it.
VOTE_SIDE_RESIDUE_MAX_MM = 1.0
# Lab units (8 bits, per channel): a small blob beside a sticker, no darker than the paper, whose
# median colour is within this of the paper's in every channel is the sticker's colour bled into
# the paper (blur, JPEG's coarse colour), not a vote (votes.is_sticker_halo). Measured on such
# pieces (fresh seeds 700-779, 1400-1459, validation 201-232: 14 pieces of 2.5-10 mm2, 0.5-2.5 mm
# from a sticker): 0-9.9; a pale sticker's piece cut off beside another sticker keeps its colour
# (19-23 in lightness, 22-23 in chroma; fresh seeds 700-779 and 1100-1139: counted, as before).
VOTE_HALO_MAX_DELTA = 10.0
# Lab units (8 bits), every channel: two colour parts of one blob, both counted with no sticker's
# edge seen on either (votes.unseen_twins), this close in median colour are one thing cut in two by
# the clustering (a grey band of blur, a sticker crossed by another), counted once. Measured on
# fresh seeds 700-739 and 1700-1759: such pairs 1-3 apart (4 blobs; 3 strips read one too high,
# the 4th two and more); distinct sticker colours lie tens of units apart
VOTE_UNSEEN_TWIN_DELTA = 4.0
# Lab units (8 bits), every channel: two counted colour parts of one blob that do not touch, each on
# its own circle, this close in median colour may be one thing seen on both sides of a sticker stuck
# across it (votes.twins_apart: a 4-7 mm band of highlighter or tape under a 12 or 19 mm sticker,
# each end fitting a 2.8-3.4 mm circle, its two ends 0-2 units apart): the count is unsure. Distinct
# sticker colours lie tens of units apart; shading across a band moves its colour a few units
VOTE_APART_TWIN_DELTA = 8.0
# ... and only when both ends are square (votes.blunt_end): a band's end, cut across, keeps most of
# its width VOTE_BLUNT_DEPTH_MM in from its tip, a sticker's round edge does not. Drawn (4 px/mm,
# blur 0.25-0.4 mm): band ends 0.87-1 (3142 ends), 8 and 12 mm stickers partly under a 12 or 19 mm
# one 0.40-0.54 (320 pairs); a whole 8 mm disc's chord there is 0.57 of its diameter
VOTE_BLUNT_DEPTH_MM = 0.7
VOTE_BLUNT_MIN_SHARE = 0.75
# mm around a corner marker or the QR code (solid black print near the strip) also taken out of the
# dark mask: the fit's error and the blur of its edge
VOTE_SOLID_PRINT_MARGIN_MM = 1.5
# mm: the hatch band between a card's bottom markers (4 mm, printables.layout.hatch_box) is taken
# out of the dark mask (with VOTE_SOLID_PRINT_MARGIN_MM round it) except inside a body a disc this
# wide fits in: a dark sticker hanging over it. Motion-blurred, the band is a grey body thicker
# than a line (without_print_around keeps it) and joined a 19 mm sticker hanging over the strip's
# lower edge: its pieces became colour parts counted as stickers (family-2 vote walls, tuning
# 26900-26959: 26905 read 7 for 6, 26932 7 for 6). The band and its margins (7 mm) left wedges
# where the band meets such a sticker (26932 still 7); 10 mm leaves none and keeps the body of a
# black 19 mm sticker over the band (measured before a marker's box notches it)
VOTE_BAND_BODY_MM = 10.0
VOTE_CIRCLE_BAND_MM = 1.0  # mm: the printed 0.3 mm circle plus its blur, taken out of the ink mask
VOTE_CIRCLE_MIN_CONTRAST = 0.05  # circle band minus inside darkness: the circle is printed there
# A thin piece of ink lying this close along a printed circle's band (this share of it, at most
# this thick) is what the band left of the circle (printed thicker, seen a little off): not a vote.
VOTE_RESIDUE_MM = 0.75
VOTE_RESIDUE_SHARE = 0.85
VOTE_RESIDUE_MAX_RADIUS_MM = 0.6
VOTE_RESIDUE_MAX_MM = 3.0  # mm: a longer piece may be a bar drawn along the circle
# mm: an arc's pixels stay this close to one radius; a stroke across the circle does not
VOTE_RESIDUE_SPREAD_MM = 1.0
# line darkness (votes.line_map) along a circle's outline clear of marks: it is printed there when
# it is at least this share of the strip's well-seen circles (75th percentile; a faint circle on
# pastel paper under soft focus is ~0.9 of its neighbours, white paper or a card edge over it
# ~0.1), and above the floor of grain
VOTE_CIRCLE_RELATIVE_LINE = 0.4
VOTE_CIRCLE_MIN_LINE = 0.015
# mm: wider dark things (stickers, shadows) are no line for the circles' search
VOTE_LINE_MAX_MM = 2.0
VOTE_RING_FREE_MIN = 0.3  # of a circle's outline clear of marks: less, it is under a sticker
VOTE_STICKER_CHROMA = 25  # colour (grey levels) above the strip's median: a sticker, not a circle
# A thin blob's ink over (its length x its stroke width): ~1 for a bar or a tick, 2-3 for a cross
# or two bars run together, which are left to a person.
VOTE_ONE_STROKE_MAX = 1.7
# A thin blob longer than a pen dot (a tick, a bar, a cross) touching a printed circle may have
# been cut by it or run along it: its count goes to a person. Measured on tests.support.readings:
# trusting strokes that touch a circle over less than 3 mm gave 3 confident errors in 67 strips.
VOTE_DOT_MAX_MM = 3.5  # mm: a pen dot is at most this wide
VOTE_VISIBLE_TARGETS_MIN = 3  # printed circles that must be seen to trust where the strip is
VOTE_NOISE_MAX_MM2 = 0.5  # mm2: a smaller blob is grain, JPEG, dust
# mm2: a smaller blob is a speck: a piece of a mark cut off by a printed circle when within
# VOTE_FRAGMENT_GAP_MM of a bigger blob, else unsure. A 2 mm pen dot is 3.1 mm2, a 6 mm tick ~3.
VOTE_BLOB_MIN_MM2 = 2.5
VOTE_STICKER_MIN_MM2 = 20.0  # mm2: a blob this big off the strip but touching it: sticker half off
VOTE_FRAGMENT_GAP_MM = 2.0  # mm: the printed circle band (1 mm) crossed at a slant
# degrees: a speck next to a counted stroke, itself a stroke (thin, longer than VOTE_DOT_MAX_MM),
# within this angle of it and level with it, is a tally bar of its own (too pale for
# VOTE_BLOB_MIN_MM2), not a piece of the stroke cut off by a printed circle: the strip's count
# goes to a person (votes.bar_beside_stroke; the count is kept). Measured: fresh seed 1436's
# three bars (1.6 mm apart, 1.9 px/mm, soft blur just under VOTE_BLUR_SPREAD_MM) left one blob
# of 3.2 mm2 and two of 2.2 and 2.4 mm2 (4.5-5 mm long, 0-5 degrees from it) read 1 at 0.95.
# Over seeds 700-779, 1100-1139, 1400-1459, 1500-1559, tuning and 201-232 it fires on 4 specks of
# 2 strips (both 3 bars read 1): 4.25-4.75 mm long, 0.7-4.8 degrees from the bar, 0.8-2.3 mm
# beside it; the 9 other stroke-shaped specks next to a counted blob are beyond a mark's end or
# beside a sticker (not a stroke): untouched. The angle leaves room for bars drawn by hand.
VOTE_BAR_BESIDE_MAX_ANGLE_DEG = 20.0
# A thin blob read as one bar may be two: a firm bar and a thin one (0.15-0.25 mm) 1.4 mm apart,
# seen at 1.8-2.1 px/mm under a blur of 0.5-0.6 px, run into one blob that the mask's width does
# not tell from one bar, read 1 at 0.95 (18 of 144 drawn cases). The thin bar's ridge in the ink
# across the blob is 0.38-0.44 of the firm one's (under VOTE_TALLY_BAR_SHARE: no tally), but is
# still there (votes.has_second_ridge: the count is kept, a person checks it). Measured on drawn
# marks (a firm bar beside one or two thin ones, pitch 1.2-1.8 mm, 1.7-2.6 px/mm, blur 0.4-0.9 px;
# single bars, ticks, hooks, curves, crosses, dots, pen 0.15-0.8 mm, pale to black, 1.8-5 px/mm,
# blur 0.4-1.5 px). The blob has a long axis: its second moments' ratio at least this (crosses,
# plus signs and dots 1.0-1.35; melted pairs 4.3-9; bars, ticks and hooks 3.8 and up) ...
VOTE_SECOND_RIDGE_MIN_ELONGATION = 2.5
# ... its ink beyond VOTE_TALLY_MIN_GAP_MM from the top is lopsided by at least this share of the
# ink within it (melted pairs 0.13-0.44; one bar, wide or blurred, ~0; ticks up to 0.23) ...
VOTE_SECOND_RIDGE_LOPSIDED = 0.12
# ... and there rises to a second peak at least this share of the top high (melted pairs
# 0.18-0.53; no single mark with a long axis had any) ...
VOTE_SECOND_RIDGE_SHARE = 0.2
# ... or bulges: a point above the mean of the points this far either side (mm) ...
VOTE_SECOND_RIDGE_SHOULDER_MM = 0.5
# ... by this share of the top (a shoulder: melted pairs 0.05-0.22; a tick's arm, a curve, one bar's
# blurred flank tail off: at most 0.04 on single marks)
VOTE_SECOND_RIDGE_SHOULDER = 0.06
VOTE_THIN_MAX_RADIUS_MM = 1.3  # mm: inscribed radius of pen strokes, even where a felt-pen X meets
# mm: one mark (pen dot, tick, cross, bar, an 8 mm sticker slightly blurred) is no longer than this
VOTE_ONE_MARK_MAX_MM = 9.5
# A thick blob of one mark's size is one vote only if round: its inscribed diameter at least this
# share of its extent (a dot or a sticker ~0.9-1; five tally bars merged by soft focus ~0.3-0.6)
VOTE_ONE_DISC_MIN_ROUNDNESS = 0.7
# A round blob fills at least this share of its enclosing circle (a blurred dot or sticker ~0.85-1;
# a square of tally bars merged by blur ~0.64)
VOTE_DISC_MIN_FILL = 0.75
# Two stickers of different colours touching or overlapping are split by colour (Lab, lightness
# halved: a sticker's sheen or shading changes lightness, not hue). Distance between the two
# colour centres: red/green/blue/black stickers are 60-150 apart, yellow and pale yellow ~35;
# one sticker's own sheen and shading stay under 15.
VOTE_COLOUR_SPLIT_MIN = 25.0
VOTE_COLOUR_SAMPLE = 800  # pixels of a blob the two colour centres are found on (speed only)
VOTE_COLOUR_EDGE_MM = 0.75  # mm: a blob's blurred edge mixes colours; left out of the clustering
VOTE_COLOUR_PART_MIN_MM2 = 6.0  # mm2: the visible crescent of a sticker mostly under another
VOTE_COLOUR_SLIVER_MM2 = 1.0  # mm2: a smaller piece of another colour is blur; a bigger one, unsure
# Stickers counted by the circles their visible edges lie on (votes.count_sticker_edges).
# mm: thinner appendages (a printed circle's arc, a pen stroke) are no sticker edge
VOTE_STICKER_OPEN_MM = 1.5
VOTE_STICKER_RADII_MM = (1.0, 11.0)  # mm: a 2 mm pen dot to a 19 mm sticker, blurred
# mm: a thick blob of one colour whose inscribed disc is wider than this is no sticker nor pile of
# them (foreign paper, a sticky note, a hand): no vote, and the count is left to a person. Three
# 19 mm dots stuck as close as people do (centres 7.6 mm apart) leave ~11 mm, blurred ~11.5
VOTE_FOREIGN_MIN_RADIUS_MM = 13.0
VOTE_EDGE_TOLERANCE_MM = 0.4  # mm: an edge point this close to a circle lies on it (blur, JPEG)
# of a circle's circumference its edge points must span: a sticker shows at least that much
VOTE_ARC_MIN_SHARE = 0.2
VOTE_CIRCLE_MIN_INK = 0.85  # share of a found circle's disc that must be ink or sticker
# ... or at least this share of it the blob's own and the rest other marks beside it: a sticker
# of another colour stuck over it, split off into a blob of its own by the seam of mixed colour
# round it (scan.votes.inked_disc); the disc of a bite's edge is that other mark, not the blob
VOTE_CIRCLE_MIN_OWN_INK = 0.5
VOTE_EDGE_UNEXPLAINED_MAX = 0.15  # share of edge points on no circle: more, the count is unsure
# mm2: a round dark speck this big, alone, is a small pen dot (1.2 mm across; people dot with fine
# pens, 1.4-3 mm): a vote. Smaller, or pale, or ragged: grain or dust, and the count is unsure.
VOTE_PEN_DOT_MIN_MM2 = 1.1
VOTE_PEN_DOT_MIN_INK = 0.35  # darkness (of the paper's grey) at a pen dot's core, even blurred
# dark specks too small to be sure dots: proposed as votes (confidence < 0.8) when at most this
# many. 0: with the hue-shift colour mask (layout 2's merge) specks are mostly sticker edges and
# JPEG: proposing up to 3 cost 6 exact strips in 150 on bench_readings for 2 gained in 96 on the
# second family's tuning part
VOTE_SPECKS_PROPOSED_MAX = 0
# ... but on a strip voted with pen dots (marks counted, none wider than VOTE_DOT_MAX_MM: no sticker
# whose edge leaves specks), a dark speck is a dot faded or smeared by blur: up to this many are
# proposed. Measured: tuning strips +1 (6 dots read 4 under motion), bench_readings layout 1 +4,
# layout 2 unchanged, no sure count changed (2 to 5 give the same; 8 loses one)
VOTE_SPECKS_AMONG_DOTS_MAX = 3
# mm: a speck this close to where layout 2's printed outline cut or held ink is print left over by
# its removal, not a faded dot: never proposed as a vote (the count stays unsure). Such residue of
# the top and side outline was read as a 6th, 3rd vote on strips of 5 and 2 pen dots and of 2
# strokes (validation seeds 213, 227, 232): 1 mm, the outline's found place (0.5 mm) plus its
# blurred edge. Not on layout 1: people aim at its circles, and a speck on one is a faded dot
# (bench_readings layout 1 lost 4 exact strips with the rule there)
VOTE_SPECK_PRINT_MM = 1.0
# A pen mark the mask saw only a piece of (votes.partly_seen_pen_mark): pale ink on pastel paper
# under soft blur, a tally of 4 whose bars are 10-20 % darker than the paper, left one 1.6 mm2
# "pen dot" in the mask and read 1 at 0.95 (seed 479). Around each thin mark, the pixels that
# differ from the paper (Lab, VOTE_UNMARKED_DELTA / VOTE_UNMARKED_NOISE: the pale-sticker measure),
# the paper being the median over VOTE_FAINT_PAPER_MM (wider than a pen mark), within
# VOTE_FAINT_REACH_MM of its box (a blurred stroke's halo, 1-2 mm, stays inside), stickers and
# their halo left out. Over the mark's own area: sure pen strips measure at most 8.1 (tally bars'
# halos; dots and strokes 5), the tally above 25.8: at 15 or more the count goes to a person (0.4).
VOTE_FAINT_PAPER_MM = 7.0
VOTE_FAINT_REACH_MM = 3.0
VOTE_FAINT_PEN_SHARE = 15.0
# Pen dots faded by blur (votes.dot_contrast): soft focus leaves a 1.4-3 mm pen dot a speck in the
# mask paler than VOTE_PEN_DOT_MIN_INK at its core (seed 476: 4 red dots read 1; seed 467: 2 teal
# dots read 0). How much a place stands out as a dot: the paper difference smoothed over a
# blurred dot's scale (0.6 mm) minus over a wider one (2 mm: slow paper changes, shadows cancel),
# in units of its robust spread on the strip's free paper. On a blurred strip with no sticker,
# a speck at 20 or more is proposed as a vote (up to VOTE_SPECKS_AMONG_DOTS_MAX). Measured on
# blurred pen strips (tuning, validation 201-232, seeds 450-479): faded dots 21-47, grain and
# print specks on the same strips 4-15 (a motion-blurred empty strip's one speck at 25 lies on
# the outline: VOTE_SPECK_PRINT_MM)
VOTE_DOT_SCALES_MM = (0.6, 2.0)
VOTE_FADED_DOT_CONTRAST = 20.0
# A pen stroke faded out of the mask on a blurred strip (votes.faded_strokes): a tally bar of 0.5 mm
# in a pale pen, at 1.8-2.3 px/mm under motion blur or soft focus, is ink the mask never sees (a
# single bar read 0, two read 1: 4 strips of fresh seeds 700-739). Its paper difference at the
# narrow scale of VOTE_DOT_SCALES_MM, averaged along a line this long (mm; shorter than a 6 mm
# bar, so a tilted bar still fills it) ...
VOTE_FADED_BAR_MM = 4.0
VOTE_FADED_BAR_STEP_DEG = 15  # degrees between the directions of that line
# ... minus the wide scale, in units of its spread on the free paper: at least this. Measured on
# the blurred strips where nothing was counted (seeds 700-739): empty paper 3.2-8.6 (30 strips),
# faded bars 25.5-31.9; the same line as VOTE_FADED_DOT_CONTRAST
VOTE_FADED_BAR_CONTRAST = 20.0
# mm in from the strip's box: the printed outline, blurred, is a line too
VOTE_FADED_BAR_EDGE_MM = 1.5
VOTE_FADED_BAR_MIN_MM = 2.5  # mm: a place at least this long is a stroke (a grain speck is not)
# ... a place reaching VOTE_FADED_BAR_CONTRAST is measured down to this (its faded ends: a 3-6 mm
# stroke at 1.8-2.5 px/mm under soft focus peaks at 20-33 and is 4.8-7.5 mm long down to 10, but
# only 0.5-2.5 mm at 20, under VOTE_FADED_BAR_MIN_MM: 6 strokes read 1) and touches no counted
# mark. Measured on fresh seeds 3000-3059 and 2300-2359 (see README): no place on 46 blurred
# empty strips; on the stroke strips of 3000-3059, as many places as strokes on 64 of 65
VOTE_FADED_STROKE_LOW = 10.0
# ... and is no longer than one mark and the line's reach beyond its two ends (VOTE_ONE_MARK_MAX_MM
# + VOTE_FADED_BAR_MM, mm): a single 6 mm bar measures 9.8-10.2 mm down to 10 (drawn probe), the
# printed outline left on an empty strip 20 mm (3022 016O, 3028 026K: read 1)
VOTE_FADED_STROKE_MAX_MM = 13.5
# The spread line_contrast is measured in is at least this (paper_difference units, ~Lab): blurred
# strips of fresh seeds 3000-3059 and 2300-2359 with no sticker spread 0.10-0.58 (207 strips, none
# changed), faded strokes stand 5.5-14.5 over the paper. Blur and JPEG (q 60-70) can leave pastel
# paper so smooth that its spread falls to 0.003-0.01, and the 0.05-0.6 of a JPEG block's edge
# reached 40-200: 5-9 "strokes" on drawn empty strips (votes16 probe)
VOTE_FADED_LINE_MIN_SPREAD = 0.05
# A faint stroke on a SHARP strip the mask never took (strokes.faint_strokes): a 0.15-0.3 mm pencil
# or pale-pen bar at 2-5 px/mm is 4-16 % darker than the paper (under VOTE_DARKNESS), and the strip
# read 0 at 1.0 (81 of 960 drawn single bars). Its grey is averaged on a band this wide either
# side of a line (mm: a 0.15-0.8 mm stroke seen at 2-5 px/mm) and compared with the paper 1.5-3
# times as far on each side (the lighter side does not count: a shadow's edge is no stroke) ...
VOTE_FAINT_STROKE_SIGMA_MM = 0.45
# ... along lines this long (mm), in three thirds end to end, each of which must hold the ridge
# (grain holds one); shorter than the 3-6 mm strokes people draw, tilted by up to half a step
VOTE_FAINT_STROKE_MM = 4.0
VOTE_FAINT_STROKE_STEP_DEG = 10  # degrees between the directions of that line
# ... and stands this many spreads (robust, over the strip's free paper) over its median. Measured
# (2 December, pens15): sharp empty strips of fresh seeds 1800-1859, 1400-1459, 2400-2459 read 0 at
# >= 0.8 (108): at most 10.4 (a marbled pink paper); free paper beside sure counts (231 strips): at
# most 9.3; drawn faint strokes read 0 at 1.0: 81 grid bars 33-75; 109 random pale/pencil/
# highlighter strokes on pastel, grainy and fibrous paper, JPEG 60-95: 94 at 15-63, 15 at 5.5-14.9
VOTE_FAINT_STROKE_CONTRAST = 15.0
# the spread is at least this share of the paper's grey (clipped white paper has none: a spread
# of 0 would make any wrinkle of JPEG a stroke)
VOTE_FAINT_STROKE_NOISE_FLOOR = 0.002
# mm in from the strip's box: its printed outline, blurred or a little off the fit, is a straight
# line too
VOTE_FAINT_STROKE_EDGE_MM = 2.5
# mm clear of every mark of the mask (of at least VOTE_NOISE_MAX_MM2): a mark's own flank is a ridge
VOTE_FAINT_STROKE_CLEAR_MM = 1.0
# mm: no sticker is narrower (8 mm is the smallest sold; 7 for a blurred one's mask cut by print).
# On a blurred strip, a thick round blob wider than a pen dot (VOTE_DOT_MAX_MM) and narrower than
# this is strokes melted together (a tally group: validation seed 221, 3 bars read 1): the ridges
# of its ink are counted as bars, for a person (0.4). Sharp, it stays one felt mark or a cross
# (bench_readings seeds 37, 87: a cross read as 3 and 2 bars when this ran on sharp strips).
VOTE_SMALLEST_STICKER_MM = 7.0
# A blob of one mark's size, at least VOTE_SMALLEST_STICKER_MM wide but not round, with its holes
# and, where its outline is not its own (the area's printed outline, the print beside it), its
# convex hull filled back in (votes.mended_blob), is one sticker when that fills this share of its
# enclosing circle. Family-2 vote walls 26500-26559 (votes26 notes): 8 mm stickers half off the area
# notched by the outline's removal 0.91-0.92 once mended (read 4 as melted tally bars before);
# tally groups 0.35-0.68; four bars and their slash melted by blur, drawn over the outline, 0.75
# (the slash rounds the hull off: the plain disc test's 0.75 is not enough).
VOTE_MENDED_DISC_MIN_FILL = 0.85
# Darkness (fraction of the paper's grey): a round blob between a pen dot and the smallest
# sticker, on a blurred strip, with no pixel this dark is a pale sticker whose rim the blur lost,
# not melted bars: 1 (votes.count_small_blob). Fresh seeds 700-739, 1700-1759: such stickers
# 0.15-0.18 at their darkest, read 2-4 by their grain's "ridges"; bars melted by blur from pen
# 0.32 and more. The same value as VOTE_DARKNESS, measured on its own.
VOTE_PALE_STICKER_MAX_DARKNESS = 0.2
# ... unless it fills less of its enclosing circle than this and its ink keeps at least
# VOTE_EVEN_BARS_MIN ridges spaced evenly (VOTE_EVEN_BARS_SPACING: the widest gap at most this many
# times the narrowest): a pale tally group blurred round (votes.is_pale_tally). Review finding F1:
# such groups (highlighter, orange or pink felt on kraft, pink, white paper) fill 0.75-0.83, like
# pale stickers (0.76-0.92), and 31 of 720 drawn 3-4-bar groups were read 1 (one group of 4 read 4
# before). The 7 of them with 3-4 even ridges (gaps 1.0-1.5 mm, ratio <= 1.5) fill 0.75-0.79.
# Pale stickers: drawn (16 strips) fill >= 0.79 where they keep 2 ridges and 0.83-0.87 where the
# noise of JPEG leaves 3-4 even ones (1-1.5 mm apart: unit tests); fresh seeds 700-739, 1700-1759
# (9 blobs) fill 0.80-0.89, one with 4 uneven ridges (ratio 2.0)
VOTE_PALE_STICKER_MIN_FILL = 0.8
VOTE_EVEN_BARS_MIN = 3
VOTE_EVEN_BARS_SPACING = 1.6
# ... and its darkest pixel at least this dark (fraction of the paper's grey): a pen group's bars
# are (drawn: 0.076-0.199); a pale sticker as light as the paper is not (pink on kraft 0.02, its
# noise three "even ridges"; yellow on kraft 0.0)
VOTE_PALE_TALLY_MIN_INK = 0.05
# mm: on a colour part of a blob of stickers (votes.part_sticker_edges), a circle smaller than
# the smallest sticker's (VOTE_SMALLEST_STICKER_MM / 2) less the edge the colour clustering
# leaves out of each part (VOTE_COLOUR_EDGE_MM) is no sticker's edge: it fits a kink of a blurred
# rim, a seam's band or a small piece of mixed colour. Measured on fresh seeds 700-779 (circles
# fitted on colour parts): 1.0-2.5 mm on such pieces (20 parts), 3.0 mm and up on 8 mm stickers.
VOTE_PART_MIN_RADIUS_MM = VOTE_SMALLEST_STICKER_MM / 2 - VOTE_COLOUR_EDGE_MM
# mm2 of a blob outside every circle found: a sticker no circle explains (two 8 mm stickers of one
# colour fitted as one circle leave a lobe); more makes the count unsure
VOTE_UNEXPLAINED_MAX_MM2 = 6.0
# A piece of that ink, outside every circle found, as thick as a sticker's visible lobe (an
# inscribed disc of VOTE_LEFTOVER_MIN_RADIUS_MM) and as twice the strip's blur
# (VOTE_RIM_BLUR_FACTOR: a motion smear beyond the circle), at least VOTE_HIDDEN_LOBE_MIN_MM2
# big (never less than VOTE_UNEXPLAINED_MAX_MM2: the count is then already unsure), no longer
# than the biggest sticker (2 x VOTE_STICKER_RADII_MM[1]: not a band of print or shade the blob
# runs into), clear of the counting area's edge, is one more sticker, of the colour of the one
# over it, whose own edge shows too little arc for a circle: counted, for a person
# (scan.votes.hidden_lobes). Measured on seeds 3500-3529 (family 2, walls of need cards): such
# lobes 12-80 mm2, 2.5-6.9 mm thick, 1.2-25 mm of paper edge; blur and JPEG ragging 1.4 mm2 and
# 1 mm thick at most; a motion smear 15.6 mm2 and 3.2 mm thick at a blur of 2.5 mm; a band of
# mixed colour between two parts 18 mm2, with no paper edge.
VOTE_HIDDEN_LOBE_MIN_MM2 = 10.0
# mm of such a lobe's outline against the paper (edge points on no circle): a band of colour
# mixed by blur between two parts meets no paper
VOTE_LOBE_EDGE_MIN_MM = 1.0
# A small sticker mostly under a big one of its colour shows only as a bulge on the big one's
# edge: a stretch of VOTE_BUMP_RUN_MM of outline lying more than VOTE_BUMP_MM / 2 outside every
# circle found, and somewhere more than VOTE_BUMP_MM, makes the count unsure. An 8 mm dot 0.5-1 mm
# out from under a 19 mm one makes a 5-7 mm bulge; a lone sticker's outline, even a pale one on
# pastel paper (its mask ragged), stays within 0.3-0.45 mm of its circle (measured on family 1,
# the second family's tuning part and bench_readings: 0.5 cost one sure reading of 388).
VOTE_BUMP_MM = 0.5
VOTE_BUMP_RUN_MM = 2.0
# mm: only outline points this far inside the strip (and half this far from where a printed line
# cut ink) are looked at: there a sticker's edge also meets the printed outline, its label, a
# circle's band, and bulges with them
VOTE_BUMP_EDGE_MM = 1.0
# Two stickers whose centres are closer than this share of their radii's sum overlap deeply: a
# smaller sticker of their colour may lie wholly under them, unseen, so the count goes to a person.
# Stickers that only touch or overlap by a quarter (0.75 and more) stay sure.
VOTE_DEEP_OVERLAP = 0.6
# Tally marks (votes.count_tally): bars are the sharpest peaks of the ink projected across them.
VOTE_TALLY_ANGLE_STEP_DEG = 5.0  # degrees between the directions tried
VOTE_TALLY_BAR_SHARE = 0.45  # of the highest peak: a lower one is the slash or a tick's tail
VOTE_TALLY_MIN_GAP_MM = 0.9  # mm between two bars (people draw them 1.5-3 mm apart)
VOTE_TALLY_SLASH_MIN_MM = 3.0  # mm of ink off every bar: a slash across the group
VOTE_TALLY_SLASH_SPAN = 0.6  # of the bars' span that a slash covers at least
# The slash is a line across the bars (votes.slash_line_mm), not any ink off them: bars drawn
# 1.4-1.6 mm apart and blurred fill the mask between them (bars 1.3-2.3 mm wide in it), and their
# flanks, counted as slash, made four bars read five (5 of 48 tally strips on fresh seeds 700-739,
# one at 0.95; 31 of 36 in a sweep of pitch, px/mm and blur). A slash is a ridge of the off-bar ink
# across a direction at least this far from the bars (degrees; slashes measured at 45-80, flank
# leakage reaches 0.7 mm at 30 and 35 degrees, 0.5 at 40) ...
VOTE_TALLY_SLASH_MIN_ANGLE_DEG = 40.0
# ... in a band this wide (mm; a pen line blurred at 2 px/mm), over the mean of the bands beside it
VOTE_TALLY_SLASH_BAND_MM = 1.0
# mm of such a ridge, in bar lengths of ink (the slash seen between the bars; the parts on a bar
# are the bar's), for a slash. Measured on the tally groups of fresh seeds 700-739: flanks of
# three or four bars 0.29-0.70 mm, slashes across four bars 0.89-3.93 mm
VOTE_TALLY_SLASH_LINE_MIN_MM = 0.8
VOTE_TALLY_GROUP = 5  # votes in a crossed tally group: four bars and the slash across them
# A tally group whose bars blur melted into one block (bars 1.6 mm apart seen at 1.6-2.4 px/mm
# under soft or motion blur: no ridge per bar left) still shows its slash: it fills the gaps
# between the bars, so its line is the block's densest (votes.is_crossed_block). Such a block is
# five votes, by the tally convention, for a person to confirm (0.4); it was read 1 (6 of the 16
# wrong tally strips of fresh seeds 700-779). Degrees between that line and the nearest side of
# the block's smallest enclosing rectangle: measured 26-45 on the 54 crossed blocks of seeds
# 700-779, 1500-1559, 1100-1139, tuning and 201-232; one stroke, or two or four bars melted side
# by side without a slash, 0-10 ...
VOTE_CROSSED_MIN_TILT_DEG = 20.0
# ... the share of the block's ink on each side of that line (the bars it crosses): crossed
# blocks 0.19-0.33; a lone stroke's densest line holds nearly all of its ink (0.0-0.05 beside) ...
VOTE_CROSSED_SIDE_SHARE = 0.15
# ... that line runs at least this long within the block (mm): a slash crosses four bars (three
# gaps of 1.5 mm and more, at a slant) and overshoots them; crossed blocks 7.2-10.3 mm, a pen dot
# smeared by motion blur (3.5 x 3.9 mm, not round; seed 1501, seen before this was added) 4.3,
# two dots run together 4.6-4.8 ...
VOTE_CROSSED_MIN_LINE_MM = 6.0
# ... the ink off that line makes no second line (a band as wide, at least
# VOTE_TALLY_SLASH_MIN_ANGLE_DEG from it) nearly as dense (its excess over this share of the
# first's): the slash stands out of the block. Crossed blocks 0.16-0.72; three bars melted
# without a slash, their block's diagonal taken for a line (seeds 1526, 1544), 0.77 and 0.99 ...
VOTE_CROSSED_SECOND_MAX = 0.75
# ... and is not mostly on that second line (share of it in its band): crossed blocks 0.20-0.41
# (the bars fill the block); an X (one mark) wider than a pen dot, drawn and blurred (arms
# 4-11 mm, pen 0.4-0.8 mm, blur 0.4-0.85 mm: 116 cases; 3 passed the first test) 0.55-1.0
VOTE_CROSSED_SECOND_SHARE = 0.5
# deepest valley between two bars, as a share of the lower bar: deeper, the bars are clearly apart
VOTE_TALLY_VALLEY_MAX = 0.35
VOTE_CIRCLE_TRIES = 150  # triples of edge points tried per circle
VOTE_MAX_STICKERS_PER_BLOB = 12
# circles whose disc is not ink (the edges of bites out of a blob) set aside before the search
# for the next circle stops
VOTE_BITES_MAX = 3
# mm: a circle found inside another (to this much) is that sticker's blurred or shaded edge again
VOTE_NESTED_MM = 1.0
VOTE_DISC_MIN_RADIUS_MM = 1.2  # mm: a pen dot of 3 mm is the smallest disc that is a vote
VOTE_DISC_RELATIVE_RADIUS = 0.35  # of the blob's biggest disc: smaller leftovers are its crescent
# mm2: a piece of a blob left over by its counted discs (a rim of blur is ~1 px wide): larger, the
# count is unsure (a small sticker half under a big one, a sticker and a pen mark touching)
VOTE_LEFTOVER_MAX_MM2 = 4.0
# mm: a leftover this thick is not a rim; nor a colour part with no sticker's edge seen on it
# (the paler rim soft focus gives a sticker, split off by colour, is ~1 mm wide:
# scan.votes.unseen_sticker)
VOTE_LEFTOVER_MIN_RADIUS_MM = 1.2
# Under blur that rim is thicker: a sticker's edge mixes with the paper or its neighbour over the
# whole blur, and colour_parts splits that mixed colour off as a part of its own (a crescent, or
# a ring round a small sticker), 3-5 mm thick on strips whose printed line reads 1.4-2.2 mm wide
# (scan.votearea.line_spread_mm, a median along the line; the rim is widest where the edge lies
# across a motion blur). So on a plain area (layout 2) a colour part is a rim, not a sticker,
# when no thicker than VOTE_RIM_BLUR_FACTOR times that width plus the edge given back to each
# part (VOTE_COLOUR_EDGE_MM) and either no sticker's edge is seen on it, or it is a ring round
# another part (VOTE_RIM_ENCLOSED_SHARE of that part inside the ring's circle: most of it, the
# part runs out of the ring where its sticker meets another one or the card's edge) whose colour
# is a mixture of that part's and the paper's (within VOTE_RIM_MIX_MAX of the segment between
# them in Lab, as a share of its length; blur rims measured 0.11, a sticker's own colour under
# another 0.3 or more): that part's sticker has the ring's circle as its edge. Sharp (line
# 0.5-0.8 mm): the 2.4 mm above holds.
VOTE_RIM_BLUR_FACTOR = 2.0
VOTE_RIM_ENCLOSED_SHARE = 0.75
VOTE_RIM_MIX_MAX = 0.2
# A colour part with no sticker's edge, thicker than the sharp rim (2.4 mm above) but no thicker
# than the blur rim, is still a sticker mostly hidden when its colour is one blur cannot make:
# blur mixes the colours either side of an edge, so a rim's colour lies, channel by channel,
# between the paper's and a touching part's, or two touching parts', or one of them and the
# card's black print (a corner marker's blurred halo beside a sticker: 2 outside). Rims measured
# 0-5 outside in OpenCV's 8-bit Lab units; what shows of a sticker mostly hidden under or on
# others, 18-36 outside (a pink crescent under a peach dot, a light blue one on a black dot).
VOTE_RIM_OWN_COLOUR = 10.0
# A colour part with no sticker's edge lying between two touching stickers, of a colour mixed from
# theirs, is the seam blur smears between them, not a sticker (scan.votes.blend_band): a motion
# blur across the seam makes that band as wide as the motion (vw-715: black/green band 3.5 mm
# thick, motion 2.5 mm across it), though the strip's printed line, a median along it, reads
# only 0.82 mm wide (rim_max_mm 2.4 mm). Its colour (median, Lab) lies within VOTE_BLEND_MIX_MAX
# of the segment between the two stickers' colours (as a share of its length; that band
# measured 0.04), not within VOTE_BLEND_END_MIN of either end (a piece of one of them; the band
# at 0.53), the two at least VOTE_BLEND_MIN_CONTRAST apart in OpenCV's 8-bit Lab (a seam between
# two colours; 82 there); no thicker than VOTE_BLEND_MAX_MM (a motion blur of 6 px at 2 px/mm
# plus the edge given back on each side: 4.5 mm; a sticker's own colour showing between two
# others is thicker or outside that segment).
VOTE_BLEND_MIX_MAX = 0.15
VOTE_BLEND_END_MIN = 0.2
VOTE_BLEND_MIN_CONTRAST = 30.0
VOTE_BLEND_MAX_MM = 4.5
VOTE_MARKED_MIN_COVER = 0.12  # a pen cross covers ~20 %, a sticker ~100 %
# Layout 2's plain vote area (votearea.py): its printed outline (0.3 mm, 75 % grey) is found like
# a checkbox's, piece by piece. A piece is this long: a sticker (8-19 mm) hides one or two of an
# 87 mm side, a hand or a neighbour card's corner hides its own.
VOTE_AREA_SEGMENT_MM = 8.0  # mm
# mm each way across its side, around where the whole outline was found: paper curl or a lift
# of a few millimetres bends the 87 mm outline by about this much on a wall photo.
VOTE_AREA_BEND_MM = 1.0
# mm from the line's centre: the paper on both sides of the outline (stickers and ink aside)
VOTE_AREA_SIDE_BAND_MM = (0.7, 1.6)
# line band minus the paper beside it (fraction of the paper's grey): the printed line is there.
# The same bar as the layout-1 circles' (VOTE_CIRCLE_MIN_CONTRAST).
VOTE_AREA_MIN_CONTRAST = 0.05
# Below VOTE_AREA_MIN_CONTRAST but above this, a piece is faint: the line is there, smeared by
# motion blur or soft focus (measured 0.02-0.05 on the blurred tuning photos). Foreign paper over
# the outline leaves ~0.00-0.01: that piece is hidden.
VOTE_AREA_FAINT_CONTRAST = 0.02
# A line blurred wider than its band gives a plateau of equally good places across its side:
# places within this of the best contrast count as equal, and the one nearest the outline wins.
VOTE_AREA_PLATEAU_CONTRAST = 0.005
# A pen mark drawn along the outline would go out of the mask with it: where the ink across the
# outline is this much wider than the printed line is elsewhere (the mask's median width), over at
# least VOTE_AREA_INK_MIN_MM, the ink is given back as a mark that a person checks. A 0.4 mm pen bar
# beside or over the 0.3 mm line widens it by 0.5 mm or more; grain and JPEG by a pixel (0.25 mm).
VOTE_AREA_INK_WIDER_MM = 0.5
VOTE_AREA_INK_MIN_MM = 1.5  # mm: longer than a stroke crossing the outline is wide
# ... or where the outline is darker, against its own paper (relative), than it is elsewhere by
# this much: a black pen exactly over the 75 % grey line (measured: the line varies by ~0.05)
VOTE_AREA_INK_EXTRA = 0.15
# ... or, along a short side, where the ink on the line is off the paper's hue (chromaticity,
# votearea.hue_profiles) by this much more than the short sides' median. The printed
# line is neutral: measured 0.006 at most on synthetic white and yellow cards, 0.01 under JPEG 60
# on pastel paper, up to 0.04 (median 0.01) on a long side of a bench_readings card (JPEG, pastel,
# colour cast, turned). A blue biro bar (0.4-0.7 mm) drawn on a short side's line: 0.027-0.077 (the
# least blurred 1.2 px at 2.0 px/mm on yellow). That bar widened the line by a pixel only and was
# taken out with it; beside stickers, pen dots or tallies the rest was counted surely one short
# (votes23 probe, 240 scenes, a bar 0.5-1.8 mm inside a short side, 2.0-2.7 px/mm, seeds
# 25100-25199: 12 sure-wrong -> 0, exact 155 -> 184, the 3 sure-right kept).
VOTE_AREA_INK_HUE_SHIFT = 0.025
# the paper has a hue of its own when its chromaticity is this far from grey (the pastel cards
# measured 0.07-0.1): only then is the ink's shift its way discounted
VOTE_AREA_PAPER_HUE_MIN = 0.02
# A black biro bar drawn on a short side's printed line has no hue: it only darkens and widens
# the line (a pixel at 2-2.7 px/mm), is taken out with it, and the rest was counted surely one
# short (8 of 240 synthetic scenes, votes23's probe, seeds 25100-25199). Where a short side's
# line is this many times darker than the short sides' median, and wider by this much (mm, a
# pixel of the 4 px/mm strip), over this length (mm), the count goes to a person; the ink is not
# counted (a grey line left there by a fit a little off looks the same: counting it made
# proposals worse, grey-line probe exact 70 -> 49). Measured: black probe sure-wrong 8 -> 1,
# exact unchanged (170), its 3 sure-right kept; blue probe and bench_readings layout 2 identical
# strip by strip; grey-line probe exact unchanged (70), sure-right 8 -> 1. Family-2 short sides
# are faint and uneven (one side's darkness 0.08-0.33 along it), so plain lines get doubted too:
# vote walls 4720-4759 (no budget) 6 of 62 sure counts go to a person, 4760-4799 (not tuned
# on) 2 of 69, exact unchanged on both, 0 wrong.
VOTE_SHORT_SIDE_DARKER = 1.25
VOTE_SHORT_SIDE_WIDER_MM = 0.25  # mm
VOTE_SHORT_SIDE_RUN_MM = 3.0
# share of the outline's pieces that must be seen (the others under stickers or ink) to trust
# where the area is
VOTE_AREA_VISIBLE_MIN_SHARE = 0.3
# Blur of a vote strip, measured on its printed outline (layout 2, votearea.line_spread_mm): the
# line's profile across a window this far (mm) each way, the paper level at its ends (mm)
VOTE_BLUR_WINDOW_MM = 3.0
VOTE_BLUR_PAPER_MM = 0.5
# mm: an outline this wide or wider is blurred (sharp photos of the second family's tuning part:
# 0.7-1.24 mm; soft focus 1.0-3.2, motion 1.15-2.7). There pen marks (tally bars melt together,
# a small dot fades into the paper) and an empty strip are proposals only, at this confidence;
# stickers are big enough to stay sure
VOTE_BLUR_SPREAD_MM = 1.4
VOTE_BLUR_PEN_CONFIDENCE = 0.6
# A sticker can hide a whole smaller one stuck under it (dot stickers are sold 8, 12 and 19 mm:
# an 8 mm dot vanishes under a 19 mm one centred within 5.5 mm, under a 12 mm one within 2 mm).
# Nothing of it is seen, so no rule can count it: a strip whose biggest sticker is wider than its
# smallest mark by VOTE_HIDE_MARGIN_MM or more (both sizes are in use on it) is a proposal at
# VOTE_HIDE_CONFIDENCE. 3 mm: stickers of one size measure within ~1.5 mm of each other (blur,
# JPEG); sizes sold differ by 4 mm or more. A pile whose small member peeks out is VOTE_BUMP_*.
# The circles found in one pile are its stickers: two of them differing by VOTE_HIDE_MARGIN_MM show
# both sizes in use there (votes.sizes_confidence; the strip's smallest mark is the pile's extent).
VOTE_HIDE_MARGIN_MM = 3.0
VOTE_HIDE_CONFIDENCE = 0.6
# The sizes in use are the room's, seen on the photo's strips (votes.cap_hidden_stickers): a photo
# with fewer votes than this counted on strips showing a sticker (a close photo of one need card)
# does not tell them, and the smallest sticker sold (VOTE_SMALLEST_STICKER_MM) is assumed in use.
# 8: were two sizes in equal use, 8 stickers would all be of one size 1 time in 128.
VOTE_SIZES_MIN_SEEN = 8
VOTE_EMPTY_MAX_COVER = 0.05
VOTE_FULL_CONFIDENCE_MARGIN = 0.06
# Handwriting: ink darker than the local paper by this fraction, over this much of the box.
# Measured on 316 fields of 12 synthetic walls (2.7-5 px/mm, mild and strong, 194 with ink):
# at 0.20 the written fields have >= 1.0 % ink and a >= 2.4 mm2 blob, the blank ones <= 0.08 %
# and <= 0.2 mm2; at 0.25 faint pencil on coloured paper was missed, at 0.15 paper grain counted.
FIELD_BORDER_EXCLUSION_MM = 1.0  # mm: the box outline and its blur never count as ink
INK_DARKNESS = 0.20  # fraction of the local paper brightness
HAS_INK_MIN_FRACTION = 0.003  # of the inner area (between 0.08 % and 1.0 %, see above)
HAS_INK_MIN_BLOB_MM2 = 0.8  # mm2: the biggest ink blob (between 0.2 and 2.4 mm2, see above)
FIELD_BACKGROUND_MM = 4.0  # mm: scale of the light's variation removed before looking for ink
# A field read blank is accepted as empty (without review) only if writing there would show:
# photo px: the whole field this far inside the photo's edges (beyond, the warp repeats the edge)
FIELD_EDGE_MARGIN_PHOTO_PX = 1
# grey level from which the paper is clipped white (8-bit; a sensor or JPEG saturates at 255)...
FIELD_CLIPPED_LEVEL = 250
# ... and the share of a field's inside that may be clipped: a pen line 40 % darker than the
# paper vanishes when the exposure is 1.7 times too long. In the probe of issue 8, an exposure 1.8
# times too long lost 9 of 45 written fields, a flash spot 2 (their ink fraction 0.0-0.01).
FIELD_CLIPPED_MAX_SHARE = 0.1
# Ink fraction from which a field below HAS_INK_MIN_FRACTION / HAS_INK_MIN_BLOB_MM2 is a "trace"
# (proposed empty, not accepted): on the second family's tuning and validation photos 4 written
# fields read blank had 0.0014-0.003 (one or two words in a wide "texte" field, soft focus,
# motion, curl), and 13 of 397 blank ones read blank had >= 0.001 (at most 0.011).
FIELD_TRACE_MIN_FRACTION = 0.001
# A blank field is blank only if its printed outline is there (a sticky note, a hand or another
# card's blank paper over a written field read it blank and accepted, red team probe: 7 of 7):
# pieces of FIELD_OUTLINE_SEGMENT_MM along each side (grey averaged along the side) ...
FIELD_OUTLINE_SEGMENT_MM = 8.0  # mm
FIELD_OUTLINE_SEARCH_MM = 1.5  # mm either side of where the fit puts the line (fit, curl)
# ... each seen if its profile dips this much below the paper (grey 0.55, 0.25 mm wide: ~5 % left
# at 2 px/mm under a 1.8 px soft focus; a plain cover: noise only, ~1 %) ...
FIELD_OUTLINE_MIN_DIP = 0.03
# ... and this share of the pieces seen, else "couvert".
FIELD_OUTLINE_MIN_SEEN = 0.75
# Crops of the fields, for the reviewer and the OCR: the printed outline stays in the crop (the
# reviewer sees the box), a checkbox keeps paper around it (a tick that overflows the box).
FIELD_CROP_MARGIN_MM = 0.5  # mm
CHECKBOX_CROP_MARGIN_MM = 1.5  # mm

# --- handwritten lines, cut for the OCR (lines.py) ---------------------------------------------
# Stricter than INK_DARKNESS: the line is trimmed to its ink, and a pale smudge or paper grain
# counted as ink would widen the trim and dilute the line when the recogniser scales it down.
LINE_INK_DARKNESS = 0.25  # fraction of the local paper brightness
LINE_BORDER_MM = 1.2  # mm: the printed outline (the crop grows the box 0.5 mm) and its blur
LINE_RULE_MIN_MM = 12.0  # mm: a straight dark run this long is a printed line, not handwriting
LINE_GAP_MM = 1.0  # mm: ink rows closer than this belong to one handwritten line
MIN_LINE_MM = 1.5  # mm: a band of ink thinner than this is a speck or an accent alone
# Two handwritten lines often touch (a descender meets the next line's capital): a band taller
# than one line may hold two. It is cut at its emptiest row when that row holds less than
# LINE_VALLEY_FRACTION of the band's busiest row, at least LINE_MIN_PART_MM from either edge.
LINE_SPLIT_MIN_MM = 8.0  # mm
MULTILINE_BOX_MM = 13.5  # mm: single-line boxes are 9-12 mm tall (crops 1 mm more): never cut
LINE_VALLEY_FRACTION = 0.25
LINE_MIN_PART_MM = 3.0  # mm
LINE_PROFILE_SMOOTH_MM = 0.5  # mm: pen strokes make the row profile jagged: smoothed over this
LINE_MARGIN_MM = 1.0  # mm of white kept around a trimmed line: the recogniser expects some
LINE_MIN_INK_PX = 12  # px: fewer ink pixels in a line is noise, not worth a recogniser call

# --- walls (walls.py) ------------------------------------------------------------------------
CLUSTER_GAP_MM = 20.0  # mm between card outlines: cards stuck "together" touch or nearly
# Merging views: a view's quality is its px/mm, discounted by its fit error at this scale.
FIT_ERROR_SCALE_MM = 0.5  # mm

# --- hints for a photo with no card (pipeline.py) ------------------------------------------------
TOO_DARK_MEAN_GREY = 50  # mean grey level 0..255: below, the phone's exposure failed
# variance of the Laplacian at HINT_WIDTH_PX: a sharp page is > 100
TOO_BLURRED_LAPLACIAN_VAR = 40.0
HINT_WIDTH_PX = 1000  # px: the measure is made at a fixed size so it does not depend on the camera
TOO_SMALL_PX_PER_MODULE = 2.0  # px: a code (or finder) this small cannot be read: come closer
MIN_PAPER_SIDE_PX = 12  # px at HINT_WIDTH_PX: smaller light blobs are noise, not a card
# A light blob is read as a card when its sides are in the ratio of a printed item (~1.42) and
# it fills its rectangle (a card seen at an angle still does).
PAPER_ASPECT_RANGE = (1.2, 1.7)  # long side / short side
PAPER_MIN_FILL = 0.8  # contour area / its min-area rectangle

# --- glare spots (glare.py) --------------------------------------------------------------------
# A glare spot (tape's sheen, a lamp's reflection, under a tenth of a strip or a box: the clipped
# rule FIELD_CLIPPED_MAX_SHARE misses it) is brighter than the paper round it in every channel;
# a sticker or a mark is darker in at least one (a pale yellow sticker on blue paper is brighter
# in red, darker in blue). In the red team's probe of 2 December, two spots of 2-4 mm radius on
# each vote strip were counted as stickers: 4 strips of 35 read 2 votes too many at 0.95.
GLARE_SMOOTH_MM = 0.3  # mm: paper grain and sensor noise averaged away first
GLARE_PAPER_MM = 22.0  # mm: closed over this, marks and stickers (19 mm the biggest) are paper
GLARE_SPOT_MAX_MM = 10.0  # mm: opened over this, a spot up to this wide leaves the paper's level
# darker than the paper in no channel by more than this share (a glare spot takes the lamp's tint
# after the phone's white balance: in the probe one channel gained nothing, the grey 20 %)...
GLARE_CHANNEL_MAX_DEFICIT = 0.02
# ... and brighter than the paper in grey by this many levels. Not a share of the paper's grey:
# on white paper (grey 239-242) a spot clipped white, tinted by the white balance, gains only
# 6-10 levels (lead's probe, 2 December 05 h: with 10 % or 12 levels asked, no spot was found
# there, and spots washed ticks out of 142 boxes of 1620 and pen marks out of 27 strips of 108,
# all read at 0.82-1.0). Paper grain does not gain it over a 1 mm core: the paper's level is
# the closed grey, grain's own highs included (no spot on the second family's 750 boxes and
# 200 strips of tuning, 201-232 and 301-332; bench_readings unchanged).
GLARE_MIN_GAIN = 4.0
# ... or brighter in one channel by this many levels: a spot tinted by the white balance, light
# (255, 248, 245) BGR on white paper at 245 with grain, gains 10 levels in blue, 3 in green, 0 in
# red: 4.3 in grey, less than the grain's highs the closed paper holds (review of 2 December,
# 06 h 45: 5 to 8 of 8 pencil ticks under such spots read "no" at >= 0.8). A light that gains in
# every channel alike gains as much in grey: this adds only tinted spots.
GLARE_CHANNEL_MIN_GAIN = 6.0
# mm: the spot's core at least this wide (a sharpening halo round a dark stroke is a thin rim;
# a spot that can hide a pen dot of 1.2 mm is not)
GLARE_MIN_WIDTH_MM = 1.0
# A glare spot on a checkbox washes a tick out as it washes a sticker out: in the lead's probe of
# 2 December (identity cards, ticks and crosses in grey, blue and pale blue pen, spots of 2-4 mm
# radius on every ticked box, 2.7 and 4 px/mm), 142 of 1620 boxes were read "no" at 0.82-1.0.
# A box is looked for glare in the photo round it, this far each side (the paper's level is taken
# there, as on a strip: GLARE_PAPER_MM closes the printed words and boxes away).
GLARE_BOX_CONTEXT_MM = 12.0
