"""Orchestration: an outline path in, the PDF and PPTX files out, replaced together or not at all.

Stage: the only place that connects readers, theme, deck planner and renderers. ``build`` runs
one build, ``atomic`` writes outputs so they appear whole and together (and tidies up after
killed builds), ``interrupt`` turns Ctrl-C and SIGTERM into a clean stop, ``parallel`` runs the
deck renderer in a forked child while the parent draws the brief.
"""
