"""The annotation window's pieces: the document view and its painting, the editor that turns keys
and clicks into undo commands, the side panels, find bar and label editor."""
