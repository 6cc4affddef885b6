"""The application style, with key sequences in menus isolated left to right.

A menu draws ``Ctrl+,`` in the interface's direction: in the Arabic interface it read ``,+Ctrl``
and ``F1, Ctrl+/`` read ``/+F1, Ctrl``. This proxy of the platform style wraps the shortcut part
of each menu item in a left-to-right isolate (:func:`annotator.ui.bidi.menu_item_text`) and draws
everything else as the platform style does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOptionMenuItem


class BidiStyle(QProxyStyle):
    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: N802
        if element == QStyle.CE_MenuItem and isinstance(option, QStyleOptionMenuItem) and "\t" in option.text:
            from annotator.ui.bidi import menu_item_text

            option = QStyleOptionMenuItem(option)
            option.text = menu_item_text(option.text)
        super().drawControl(element, option, painter, widget)


def install(app: QApplication) -> None:
    """Put :class:`BidiStyle` over the application's style (once)."""
    if not isinstance(app.style(), BidiStyle):
        app.setStyle(BidiStyle(app.style().name()))
