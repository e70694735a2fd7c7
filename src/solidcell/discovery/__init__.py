"""Materials discovery: predict the room-temperature ionic conductivity of Li solid electrolytes
(random forests trained on OBELiX, shipped as JSON) and screen substituted candidates.

- :func:`solidcell.discovery.predict.predict_conductivity` (also ``solidcell.predict_conductivity``)
- :func:`solidcell.discovery.candidates.generate_candidates`, :func:`~.candidates.discover`
- :func:`solidcell.discovery.model.train` (``solidcell train``)

See docs/discovery.md for the models, their measured errors and their valid region.
"""
