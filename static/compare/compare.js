// The split view of several periods (geo/maps/compare.py writes the page): one Leaflet map per period, their
// pan and zoom kept in step, or one map and a timeline. Data from the page's JSON block (no inline script:
// the app's content security policy allows scripts from the app itself only).
(function(){
var DATA=JSON.parse(document.getElementById("th-compare-data").textContent);
var MODE=DATA.mode; var maps=[]; var moving=false;
var shapes={};
Object.keys(DATA.layers).forEach(function(k){
  var tp=DATA.layers[k]; shapes[k]=topojson.feature(tp,tp.objects[Object.keys(tp.objects)[0]]);
});
function layerFor(p){
  return L.geoJSON(shapes[p.layer],{
    style:function(f){return {fillColor:p.fill[f.id]||"#d9d9d9",fillOpacity:0.85,color:"#666",weight:0.4};},
    pointToLayer:function(f,ll){return L.circleMarker(ll,{radius:4});},
    onEachFeature:function(f,l){if(p.tip[f.id]){l.bindTooltip(p.tip[f.id],{sticky:true});}}
  });
}
function sync(src){
  if(moving){return;} moving=true;
  maps.forEach(function(m){if(m!==src){m.setView(src.getCenter(),src.getZoom(),{animate:false});}});
  moving=false; window.__thCompareView={center:src.getCenter(),zoom:src.getZoom()};
}
var grid=document.getElementById("grid");
var shown=MODE==="timeline"?[DATA.periods[0]]:DATA.periods;
shown.forEach(function(p,i){
  var cell=document.createElement("div"); cell.className="cell";
  var div=document.createElement("div"); div.className="map"; div.id="map_"+i; cell.appendChild(div);
  var cap=document.createElement("div"); cap.className="cap"; cap.textContent=p.label; cell.appendChild(cap);
  var sub=document.createElement("div"); sub.className="sub"; sub.textContent=p.units_text; cell.appendChild(sub);
  grid.appendChild(cell);
  var m=L.map(div,{zoomSnap:0.25,attributionControl:false});
  var lyr=layerFor(p).addTo(m);
  m.__thLayer=lyr; m.__thCap=cap; m.__thSub=sub;
  maps.push(m);
});
// One view for all: the bounds of every period's units, then each map follows the one that moves.
var bounds=null;
DATA.periods.forEach(function(p){var b=L.geoJSON(shapes[p.layer]).getBounds();bounds=bounds?bounds.extend(b):b;});
maps.forEach(function(m){m.fitBounds(bounds,{animate:false});});
maps.forEach(function(m){m.on("move",function(){sync(m);});});
window.__thCompareMaps=maps;
if(MODE==="timeline"){
  var slider=document.getElementById("tl_range"), label=document.getElementById("tl_label"),
      play=document.getElementById("tl_play"), timer=null;
  function showPeriod(i){
    var m=maps[0], p=DATA.periods[i];
    m.removeLayer(m.__thLayer); m.__thLayer=layerFor(p).addTo(m);
    m.__thCap.textContent=p.label; m.__thSub.textContent=p.units_text; label.textContent=p.label; slider.value=i;
    window.__thTimelineShown=p.period;
  }
  slider.addEventListener("input",function(){showPeriod(+slider.value);});
  play.addEventListener("click",function(){
    if(timer){clearInterval(timer);timer=null;play.textContent=play.dataset.play;return;}
    play.textContent=play.dataset.pause;
    timer=setInterval(function(){var i=(+slider.value+1)%DATA.periods.length;showPeriod(i);
      if(i===DATA.periods.length-1){clearInterval(timer);timer=null;play.textContent=play.dataset.play;}},1500);
  });
  window.__thTimelineShown=DATA.periods[0].period;
}
window.__thCompareReady=true;
})();
